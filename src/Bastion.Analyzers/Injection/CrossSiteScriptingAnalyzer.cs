using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5010: untrusted data written into HTML (cross-site scripting). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
public sealed class CrossSiteScriptingAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.CrossSiteScripting,
        title: "Untrusted data written into HTML",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; HTML-encode it (HttpUtility.HtmlEncode, HtmlEncoder.Default.Encode) or let the view engine encode it",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls is written into a page without encoding, or marked as safe HTML. Markup and script in it run in the page's origin, with its user's session (cross-site scripting).",
        cwes: new[] { 79, 80, 81, 83 },
        securitySeverity: 6.1);

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
