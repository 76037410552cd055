using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2002's sinks, one line per API: <c>System.Configuration</c> settings and Microsoft.Extensions.Configuration
/// sections. Indexer writes (<c>IConfiguration[key]</c>, <c>ConfigurationManager.AppSettings[key]</c>) and configuration
/// files rewritten are shapes (<see cref="ConfigurationSinks"/>).</summary>
internal static class ConfigurationWriteSinks
{
    private const string Rule = RuleIdentifiers.UntrustedConfigurationWrite;

    public static readonly ImmutableArray<SinkEntry> All = ImmutableArray.Create(
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Configuration.ConnectionStringSettings", "ConnectionString")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Configuration.ConnectionStringSettings", ApiMember.Constructor), "connectionString", description: "a new ConnectionStringSettings"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Configuration.KeyValueConfigurationElement", "Value")),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Configuration.KeyValueConfigurationCollection", "Add"), "key,value,keyValue"),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("Microsoft.Extensions.Configuration.IConfigurationSection", "Value", derived: true), description: "IConfigurationSection.Value"));
}
