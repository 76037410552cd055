using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2001: untrusted data reaches a connection string — <c>DbConnection.ConnectionString</c>, a connection or
/// connection-string builder constructor, EF Core's <c>Use*(connectionString)</c> and any library parameter named
/// <c>connectionString</c>. A <c>;</c> in the data adds or overrides keywords: another server, integrated security, a
/// log file path.</summary>
public sealed class UntrustedConnectionStringAnalyzer : TaintRuleAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ConfigurationTaint.OptionNames;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UntrustedConnectionString,
        title: "Untrusted data in a connection string",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; build the connection string with a connection-string builder from validated values",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls is put into a database connection string. With a ';' it can add or " +
            "override keywords: point the application at another server, switch on integrated security, or change timeouts " +
            "and pooling. Set the parts through a connection-string builder's typed properties, from validated values.",
        cwes: new[] { 15, 99 });

    private protected override DiagnosticDescriptor FamilyRule => Rule;

    private protected override TaintFamily Family => ConfigurationTaint.Family;
}
