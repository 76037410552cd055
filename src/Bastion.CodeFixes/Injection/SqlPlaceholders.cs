namespace Bastion.CodeFixes.Injection;

/// <summary>How a provider's SQL text names its parameters.</summary>
internal enum SqlPlaceholders
{
    /// <summary><c>@name</c>: SqlClient, Npgsql, SQLite, MySQL, Dapper.</summary>
    Named,

    /// <summary><c>?</c>, bound by position: OLE DB and ODBC.</summary>
    Positional,

    /// <summary><c>{0}</c>, <c>{1}</c>: Entity Framework's raw SQL methods, whose further arguments become parameters.</summary>
    Indexed,
}
