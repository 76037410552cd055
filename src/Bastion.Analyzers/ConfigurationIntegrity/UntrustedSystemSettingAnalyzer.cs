using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2003: untrusted data reaches a process or system setting — environment variables (of this process or a
/// child's <c>ProcessStartInfo</c>), the registry, <c>AppContext</c> switches, <c>AppDomain</c> data, the current
/// directory, and the current culture.</summary>
[NoCodeFix("Which values a setting may hold is the application's decision; a fix that guessed an allow-list would hide the finding without making the code safe. The doc page shows the validations the rule recognises.")]
public sealed class UntrustedSystemSettingAnalyzer : TaintRuleAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ConfigurationTaint.OptionNames;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UntrustedSystemSetting,
        title: "Untrusted data in a process or system setting",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; validate it against the values the setting allows",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls sets an environment variable, a registry value, a runtime switch, the " +
            "current directory or culture. These change how this process, its children or the machine behave: " +
            "PATH and loader variables, proxy settings, security switches, where relative paths resolve.",
        cwes: new[] { 15 });

    private protected override DiagnosticDescriptor FamilyRule => Rule;

    private protected override TaintFamily Family => ConfigurationTaint.Family;
}
