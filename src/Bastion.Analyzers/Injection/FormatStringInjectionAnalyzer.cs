using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5009: untrusted data as a format string (format string injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("A constant format for the value ('{0}') is the fix, but whether the data was meant to carry placeholders is the author's decision.")]
public sealed class FormatStringInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.FormatStringInjection,
        title: "Untrusted data as a format string",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; use a constant format string and pass the data as an argument",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls is used as a composite format string. Braces in it throw FormatException or read other arguments.",
        cwes: new[] { 134 },
        securitySeverity: 5.0);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
