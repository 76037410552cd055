using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2002: untrusted data is written to application configuration — <c>System.Configuration</c> writes,
/// <c>ConfigurationManager.AppSettings</c>, <c>IConfiguration[key]</c>, <c>IConfigurationSection.Value</c>, and
/// configuration files (<c>*.config</c>, <c>appsettings*.json</c>, <c>*.ini</c>, <c>.env</c>) rewritten with it.</summary>
[NoCodeFix("Which values a setting may hold is the application's decision; a fix that guessed an allow-list would hide the finding without making the code safe. The doc page shows the validations the rule recognises.")]
public sealed class UntrustedConfigurationWriteAnalyzer : TaintRuleAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ConfigurationTaint.OptionNames;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UntrustedConfigurationWrite,
        title: "Untrusted data written to application configuration",
        messageFormat: "Untrusted data from {0} is written to {1}{2}; validate it against the values the setting allows",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls becomes an application setting, in memory or in a configuration file. " +
            "Every later reader of that setting trusts it: connection strings, URLs, feature switches, paths. Accept only " +
            "the values the setting allows (a constant set, a parsed number, an anchored pattern).",
        cwes: new[] { 15 });

    private protected override DiagnosticDescriptor FamilyRule => Rule;

    private protected override TaintFamily Family => ConfigurationTaint.Family;
}
