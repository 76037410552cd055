using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5008: untrusted data in the text of a log message (log injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("Moving a value into a template means naming a placeholder, which is the author's choice; the doc page shows the structured form.")]
public sealed class LogInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.LogInjection,
        title: "Untrusted data in the text of a log message",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; pass it as an argument of a message template instead of building the message text",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes part of a log message's text. Line breaks and control characters in it forge entries and hide real ones; in a template, its braces change the message.",
        cwes: new[] { 117 },
        securitySeverity: 4.3);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
