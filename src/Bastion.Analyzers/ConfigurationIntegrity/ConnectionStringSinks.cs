using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>BST2001's sinks, one line per API: the connection string of ADO.NET connections and builders, and the
/// database a connection switches to. A library parameter named <c>connectionString</c> (EF Core's <c>UseSqlServer</c>,
/// <c>new MongoClient(…)</c>) and a connection's one-string constructor are shapes (<see cref="ConfigurationSinks"/>).</summary>
internal static class ConnectionStringSinks
{
    private const string Rule = RuleIdentifiers.UntrustedConnectionString;

    public static readonly ImmutableArray<SinkEntry> All = ImmutableArray.Create(
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Data.IDbConnection", "ConnectionString", derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Data.Common.DbConnectionStringBuilder", "ConnectionString", derived: true)),
        new SinkEntry(Rule, SinkKinds.Unsanitizable, new ApiMember("System.Data.IDbConnection", "ChangeDatabase", derived: true), "*"));
}
