using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>The configuration-integrity family: its three rules share one taint engine per compilation over
/// <see cref="ConfigurationSinks"/>.</summary>
internal static class ConfigurationTaint
{
    internal const string SourceProperty = TaintFamily.SourceProperty;
    internal const string SinkProperty = TaintFamily.SinkProperty;

    internal static readonly ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    private static readonly TaintFamily Family = new(
        new[] { RuleIdentifiers.UntrustedConnectionString, RuleIdentifiers.UntrustedConfigurationWrite, RuleIdentifiers.UntrustedSystemSetting },
        static (compilation, _) => ConfigurationSinks.Create(compilation),
        static _ => null);

    public static void Register(CompilationStartAnalysisContext start, DiagnosticDescriptor rule) => Family.Register(start, rule);
}
