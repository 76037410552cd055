using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>The configuration-integrity family: its three rules' sinks are <see cref="ConfigurationSinks"/>, on the taint
/// engine every untrusted-data family shares. No sanitizer makes a value safe for them.</summary>
internal static class ConfigurationTaint
{
    internal const string SourceProperty = TaintFamily.SourceProperty;
    internal const string SinkProperty = TaintFamily.SinkProperty;

    internal static readonly ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly TaintFamily Family = new(
        new[] { RuleIdentifiers.UntrustedConnectionString, RuleIdentifiers.UntrustedConfigurationWrite, RuleIdentifiers.UntrustedSystemSetting },
        static (compilation, _) => ConfigurationSinks.Create(compilation),
        ImmutableArray<SanitizerEntry>.Empty);
}
