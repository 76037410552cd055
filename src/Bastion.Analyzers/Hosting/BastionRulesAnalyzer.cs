using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.ConfigurationIntegrity;
using Bastion.Analyzers.Exposure;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Injection;
using Bastion.Analyzers.Secrets;
using Bastion.Analyzers.Secrets.ConfigurationFiles;
using Bastion.Analyzers.TestLeakage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Hosting;

/// <summary>The analyzer the package ships with nearly every Bastion rule, each initialized per compilation only where
/// it is switched on. A rule with a compilation-end diagnostic ships in <see cref="BastionCompilationEndRulesAnalyzer"/>
/// instead, so that no rule shares an analyzer with a compilation-end diagnostic it did not share one with before (an
/// editor treats an analyzer with one as a whole; docs/architecture.md, "One analyzer for all rules"). A rule added to
/// Bastion is added to <see cref="CreateRules"/> (a catalogue test fails otherwise).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BastionRulesAnalyzer : RuleHost
{
    public BastionRulesAnalyzer()
        : base(CreateRules().RemoveAll(HasCompilationEndRule))
    {
    }

    /// <summary>Whether a rule reports a diagnostic only at compilation end (tagged <c>CompilationEnd</c>).</summary>
    internal static bool HasCompilationEndRule(BastionAnalyzer rule) =>
        rule.RuleDescriptors.Any(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));

    /// <summary>Every rule, one instance each, by family.</summary>
    internal static ImmutableArray<BastionAnalyzer> CreateRules() => ImmutableArray.Create<BastionAnalyzer>(
        // BST1xxx: secrets.
        new HardcodedCredentialAnalyzer(),
        new ConnectionStringCredentialAnalyzer(),
        new KnownSecretFormatAnalyzer(),
        new HighEntropySecretAnalyzer(),
        new HardcodedCryptoKeyAnalyzer(),
        new CredentialFlowAnalyzer(),
        new CommentSecretAnalyzer(),
        new ConfigurationFileSecretAnalyzer(),

        // BST2xxx: configuration integrity.
        new UntrustedConnectionStringAnalyzer(),
        new UntrustedConfigurationWriteAnalyzer(),
        new UntrustedSystemSettingAnalyzer(),

        // BST3xxx: test and debug leakage.
        new TestFrameworkInProductionAnalyzer(),
        new CertificateValidationDisabledAnalyzer(),
        new DebugFeatureEnabledAnalyzer(),
        new SecurityBackdoorAnalyzer(),

        // BST4xxx: information exposure.
        new SensitiveDataLoggedAnalyzer(),
        new ExceptionDetailsExposedAnalyzer(),
        new SecurityFailureSwallowedAnalyzer(),

        // BST5xxx: untrusted input to dangerous sinks.
        new SqlInjectionAnalyzer(),
        new CommandInjectionAnalyzer(),
        new LdapInjectionAnalyzer(),
        new XPathInjectionAnalyzer(),
        new PathTraversalAnalyzer(),
        new OpenRedirectAnalyzer(),
        new ResponseHeaderInjectionAnalyzer(),
        new LogInjectionAnalyzer(),
        new FormatStringInjectionAnalyzer(),
        new CrossSiteScriptingAnalyzer(),
        new UnsafeReflectionAnalyzer(),
        new CodeInjectionAnalyzer(),
        new SearchPathInjectionAnalyzer(),
        new ResourceExhaustionAnalyzer());
}
