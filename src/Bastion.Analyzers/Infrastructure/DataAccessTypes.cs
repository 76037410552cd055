using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>ADO.NET's connection and connection-string builder types, resolved once per compilation: what the
/// configuration family writes connection strings to (BST2001) and what the exposure family reads them from (BST4001).</summary>
internal sealed class DataAccessTypes
{
    private readonly INamedTypeSymbol? dbConnection;
    private readonly INamedTypeSymbol? dbConnectionInterface;
    private readonly INamedTypeSymbol? connectionStringBuilder;

    public DataAccessTypes(Compilation compilation)
    {
        dbConnection = compilation.GetTypeByMetadataName("System.Data.Common.DbConnection");
        dbConnectionInterface = compilation.GetTypeByMetadataName("System.Data.IDbConnection");
        connectionStringBuilder = compilation.GetTypeByMetadataName("System.Data.Common.DbConnectionStringBuilder");
    }

    /// <summary>Whether any of the types is referenced at all.</summary>
    public bool AnyConnection => dbConnection is not null || dbConnectionInterface is not null;

    /// <summary>A <c>DbConnection</c> or an <c>IDbConnection</c>.</summary>
    public bool IsConnection(INamedTypeSymbol type) =>
        dbConnection is not null && SymbolFacts.DerivesFrom(type, dbConnection) ||
        dbConnectionInterface is not null && SymbolFacts.Implements(type, dbConnectionInterface);

    /// <summary>A <c>DbConnectionStringBuilder</c>.</summary>
    public bool IsBuilder(INamedTypeSymbol type) => connectionStringBuilder is not null && SymbolFacts.DerivesFrom(type, connectionStringBuilder);
}
