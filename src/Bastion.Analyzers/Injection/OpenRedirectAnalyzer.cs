using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5006: untrusted data as a redirect target (open redirect). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
public sealed class OpenRedirectAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.OpenRedirect,
        title: "Untrusted data as a redirect target",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; redirect only to local URLs (LocalRedirect, Url.IsLocalUrl) or to an allow-list",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls decides where the browser is redirected: a link to a trusted site that forwards its user to a phishing page.",
        cwes: new[] { 601 },
        securitySeverity: 6.1);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
