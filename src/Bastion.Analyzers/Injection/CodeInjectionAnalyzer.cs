using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5012: untrusted data in code that is compiled or run (code injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("Code generation from input has no safe mechanical rewrite; parse the input to values (a number, an enum) instead.")]
public sealed class CodeInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.CodeInjection,
        title: "Untrusted data in code that is compiled or run",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; do not compile or evaluate code built from input; parse the input to the values the code needs",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes part of source code that is compiled or evaluated, and runs with the application's rights.",
        cwes: new[] { 94 },
        securitySeverity: 9.0);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
