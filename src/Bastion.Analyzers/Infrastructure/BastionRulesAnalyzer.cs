using System.Collections.Immutable;
using Bastion.Analyzers.Configuration;
using Bastion.Analyzers.Exposure;
using Bastion.Analyzers.Secrets;
using Bastion.Analyzers.Secrets.ConfigurationFiles;
using Bastion.Analyzers.TestLeakage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The one analyzer the package ships: every Bastion rule, each initialized per compilation only where it is
/// switched on. A rule added to Bastion is added here (a catalogue test fails otherwise).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BastionRulesAnalyzer : RuleHost
{
    public BastionRulesAnalyzer()
        : base(CreateRules())
    {
    }

    internal static ImmutableArray<BastionAnalyzer> CreateRules() => ImmutableArray.Create<BastionAnalyzer>(
        // BST1xxx: secrets.
        new HardcodedCredentialAnalyzer(),
        new ConnectionStringCredentialAnalyzer(),
        new KnownSecretFormatAnalyzer(),
        new HighEntropySecretAnalyzer(),
        new HardcodedCryptoKeyAnalyzer(),
        new CredentialFlowAnalyzer(),
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
        new SecurityFailureSwallowedAnalyzer());
}
