using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Shared;

/// <summary>ADO.NET's connection and connection-string builder types, resolved once per compilation: what the
/// configuration family writes connection strings to (BST2001) and what the exposure family reads them from (BST4001).
/// Looked up when a member named like theirs is first met (<see cref="LazyType"/>).</summary>
internal sealed class DataAccessTypes
{
    private readonly LazyType dbConnection;
    private readonly LazyType dbConnectionInterface;
    private readonly LazyType connectionStringBuilder;

    public DataAccessTypes(Compilation compilation)
    {
        dbConnection = new LazyType(compilation, "System.Data.Common.DbConnection");
        dbConnectionInterface = new LazyType(compilation, "System.Data.IDbConnection");
        connectionStringBuilder = new LazyType(compilation, "System.Data.Common.DbConnectionStringBuilder");
    }

    /// <summary>Whether any of the types is referenced at all.</summary>
    public bool AnyConnection => dbConnection.Value is not null || dbConnectionInterface.Value is not null;

    /// <summary>A <c>DbConnection</c> or an <c>IDbConnection</c>.</summary>
    public bool IsConnection(INamedTypeSymbol type) =>
        SymbolFacts.DerivesFrom(type, dbConnection.Value) || SymbolFacts.Implements(type, dbConnectionInterface.Value);

    /// <summary>A <c>DbConnectionStringBuilder</c>.</summary>
    public bool IsBuilder(INamedTypeSymbol type) => SymbolFacts.DerivesFrom(type, connectionStringBuilder.Value);
}
