using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5014: an untrusted or unbounded number (an unbounded random number, a type's maximum that travels)
/// decides how long a loop runs, how long a thread waits or how much is allocated (uncontrolled resource consumption).
/// The sinks are the amount lines of <see cref="InjectionSinks"/>, the bounds of loop conditions and the sizes of new
/// arrays.</summary>
[NoCodeFix("The limit a count, size or wait may reach is the application's decision; a fix that guessed one would hide the finding without making the code safe.")]
public sealed class ResourceExhaustionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.ResourceExhaustion,
        title: "Untrusted or unbounded number sets a loop count, a wait or an allocation",
        messageFormat: "A number from {0} reaches {1}{2}; check it against an upper limit first",
        RuleLevel.BuildWarning,
        description: "A number an attacker chooses, or one nothing bounds (an unbounded random number, int.MaxValue passed along), sets how many times a loop runs, how long a thread sleeps, or how large a collection or array is allocated: one request holds a thread, the processor or the memory for as long or as much as it asks.",
        cwes: new[] { 400, 606, 789 },
        securitySeverity: 5.3);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
