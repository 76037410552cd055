using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5013: untrusted data in a search path (uncontrolled search path). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("A search path the application needs is its own constant; no rewrite can know it.")]
public sealed class SearchPathInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SearchPathInjection,
        title: "Untrusted data in a search path",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; search paths must come from the application, never from input",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls is set as a place where programs or libraries are looked for (PATH, LD_LIBRARY_PATH, private probing paths): the next program or library loaded by name can be the attacker's.",
        cwes: new[] { 427 });

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
