using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5003: untrusted data in an LDAP query (LDAP injection). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix(".NET has no LDAP filter encoder; the doc page shows an escape for RFC 4515 that the project can own.")]
public sealed class LdapInjectionAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.LdapInjection,
        title: "Untrusted data in an LDAP query",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; escape it for LDAP filters (RFC 4515) or check it against the characters a name allows",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes part of an LDAP search filter or directory path, where parentheses, asterisks and backslashes widen the search or change the object addressed.",
        cwes: new[] { 90 });

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
