using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5007: untrusted data in an HTTP response header (HTTP response splitting). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("Encoding changes the value the client receives; whether the header or cookie should carry it encoded is the application's decision.")]
public sealed class ResponseHeaderInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.ResponseHeaderInjection,
        title: "Untrusted data in an HTTP response header",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; URL-encode it or reject line breaks before writing a header or cookie",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls is written into a response header or cookie. Line breaks in it end the header and start others, or a second response (HTTP response splitting).",
        cwes: new[] { 113 },
        securitySeverity: 6.1);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
