using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5011: untrusted data names a type or assembly (unsafe reflection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("Which types may be created is the application's allow-list; no rewrite can know it.")]
public sealed class UnsafeReflectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnsafeReflection,
        title: "Untrusted data names a type or assembly",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; map the input to a type from an allow-list instead of loading what it names",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls names a type to create or an assembly to load: any type with a public constructor can be instantiated, any assembly's initializers run.",
        cwes: new[] { 470 });

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
