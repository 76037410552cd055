using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5002: untrusted data in a command line (OS command injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
public sealed class CommandInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.CommandInjection,
        title: "Untrusted data in a command line",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; start a fixed program and pass each argument through ProcessStartInfo.ArgumentList",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls chooses the program a process starts or is parsed as its command line, where spaces, quotes and shell operators add arguments or commands.",
        cwes: new[] { 78 },
        securitySeverity: 9.0);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
