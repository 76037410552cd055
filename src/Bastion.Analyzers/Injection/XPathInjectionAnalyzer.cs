using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5004: untrusted data in an XPath expression (XPath injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("Escaping changes the text the query compares with, which the application must decide to store escaped as well; the doc page shows both forms.")]
public sealed class XPathInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.XPathInjection,
        title: "Untrusted data in an XPath expression",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; escape it (SecurityElement.Escape) or pass it as an XPath variable",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes part of an XPath expression, where quotes and predicates select other nodes, such as other users' records.",
        cwes: new[] { 643 });

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
