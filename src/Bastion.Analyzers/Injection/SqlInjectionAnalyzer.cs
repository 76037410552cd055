using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5001: untrusted data in a SQL command (SQL injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
public sealed class SqlInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SqlInjection,
        title: "Untrusted data in a SQL command",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; pass it as a command parameter instead of building the SQL text",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes part of the text of a SQL command. Quotes and keywords in it change the statement: read other rows, change or drop data, run procedures.",
        cwes: new[] { 89 },
        securitySeverity: 9.0);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
