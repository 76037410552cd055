using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bastion.Tests.Infrastructure;

/// <summary>Small libraries compiled in memory, for APIs whose packages do not restore here (Microsoft.Data.SqlClient,
/// EF Core) or do not exist on .NET (System.Web). They are referenced as metadata, as the real ones would be, with the
/// same namespaces, type and member names as the real APIs.</summary>
public static class StubLibraries
{
    private static readonly Lazy<MetadataReference> SqlClientReference = new(() => Compile("Microsoft.Data.SqlClient", """
        using System.Data;
        using System.Data.Common;
        namespace Microsoft.Data.SqlClient
        {
            public sealed class SqlConnection : DbConnection
            {
                public SqlConnection() { }
                public SqlConnection(string connectionString) { }
                public override string ConnectionString { get; set; } = "";
                public override string Database => "";
                public override string DataSource => "";
                public override string ServerVersion => "";
                public override ConnectionState State => ConnectionState.Closed;
                public override void ChangeDatabase(string databaseName) { }
                public override void Close() { }
                public override void Open() { }
                protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new System.NotSupportedException();
                protected override DbCommand CreateDbCommand() => throw new System.NotSupportedException();
            }

            public sealed class SqlCommand : DbCommand
            {
                public SqlCommand() { }
                public SqlCommand(string cmdText) { }
                public SqlCommand(string cmdText, SqlConnection connection) { }
                public override string CommandText { get; set; } = "";
                public override int CommandTimeout { get; set; }
                public override CommandType CommandType { get; set; }
                public override bool DesignTimeVisible { get; set; }
                public override UpdateRowSource UpdatedRowSource { get; set; }
                protected override DbConnection? DbConnection { get; set; }
                protected override DbParameterCollection DbParameterCollection => throw new System.NotSupportedException();
                protected override DbTransaction? DbTransaction { get; set; }
                public new SqlParameterCollection Parameters => throw new System.NotSupportedException();
                public override void Cancel() { }
                public override int ExecuteNonQuery() => 0;
                public override object? ExecuteScalar() => null;
                public override void Prepare() { }
                protected override DbParameter CreateDbParameter() => throw new System.NotSupportedException();
                protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new System.NotSupportedException();
            }

            public sealed class SqlParameterCollection : DbParameterCollection
            {
                public object AddWithValue(string parameterName, object? value) => value!;
                public override int Count => 0;
                public override object SyncRoot => this;
                public override int Add(object value) => 0;
                public override void AddRange(System.Array values) { }
                public override void Clear() { }
                public override bool Contains(object value) => false;
                public override bool Contains(string value) => false;
                public override void CopyTo(System.Array array, int index) { }
                public override System.Collections.IEnumerator GetEnumerator() => System.Array.Empty<object>().GetEnumerator();
                public override int IndexOf(object value) => -1;
                public override int IndexOf(string parameterName) => -1;
                public override void Insert(int index, object value) { }
                public override void Remove(object value) { }
                public override void RemoveAt(int index) { }
                public override void RemoveAt(string parameterName) { }
                protected override DbParameter GetParameter(int index) => throw new System.NotSupportedException();
                protected override DbParameter GetParameter(string parameterName) => throw new System.NotSupportedException();
                protected override void SetParameter(int index, DbParameter value) { }
                protected override void SetParameter(string parameterName, DbParameter value) { }
            }

            public sealed class SqlConnectionStringBuilder : DbConnectionStringBuilder
            {
                public SqlConnectionStringBuilder() { }
                public SqlConnectionStringBuilder(string connectionString) { }
                public string DataSource { get; set; } = "";
                public string InitialCatalog { get; set; } = "";
                public string UserID { get; set; } = "";
                public string Password { get; set; } = "";
                public string ApplicationName { get; set; } = "";
                public bool IntegratedSecurity { get; set; }
                public bool TrustServerCertificate { get; set; }
                public bool Encrypt { get; set; }
                public int ConnectTimeout { get; set; }
            }
        }

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContextOptionsBuilder { }
            public static class SqlServerDbContextOptionsExtensions
            {
                public static DbContextOptionsBuilder UseSqlServer(this DbContextOptionsBuilder builder, string connectionString) => builder;
            }
        }
        """));

    private static readonly Lazy<MetadataReference> SystemWebReference = new(() => Compile("System.Web", """
        using System.Collections.Specialized;
        namespace System.Web
        {
            public class HttpRequest
            {
                public NameValueCollection QueryString { get; } = new NameValueCollection();
                public NameValueCollection Form { get; } = new NameValueCollection();
                public NameValueCollection Params { get; } = new NameValueCollection();
                public NameValueCollection Headers { get; } = new NameValueCollection();
                public string RawUrl => "";
                public string this[string key] => "";
            }

            public abstract class HttpRequestBase
            {
                public virtual NameValueCollection QueryString => new NameValueCollection();
            }

            public class HttpResponse
            {
                public void Write(string s) { }
                public void Write(object obj) { }
                public string StatusDescription { get; set; } = "";
                public void Redirect(string url) { }
                public void AddHeader(string name, string value) { }
                public void AppendHeader(string name, string value) { }
                public void AppendCookie(HttpCookie cookie) { }
            }

            public sealed class HttpCookie
            {
                public HttpCookie(string name, string value) { }
                public string Value { get; set; } = "";
            }
        }
        """));

    /// <summary>Directory services, Dapper and CodeDom compilers: APIs the injection rules name that .NET does not ship.</summary>
    private static readonly Lazy<MetadataReference> InjectionApisReference = new(() => Compile("InjectionApis", """
        namespace System.DirectoryServices
        {
            public class DirectoryEntry : System.IDisposable
            {
                public DirectoryEntry() { }
                public DirectoryEntry(string path) { }
                public string Path { get; set; } = "";
                public void Dispose() { }
            }

            public class DirectorySearcher : System.IDisposable
            {
                public DirectorySearcher(DirectoryEntry searchRoot) { }
                public DirectorySearcher(string filter) { }
                public string Filter { get; set; } = "";
                public object? FindOne() => null;
                public void Dispose() { }
            }
        }

        namespace Dapper
        {
            public static class SqlMapper
            {
                public static System.Collections.Generic.IEnumerable<T> Query<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) => new T[0];
                public static int Execute(this System.Data.IDbConnection cnn, string sql, object? param = null) => 0;
            }
        }

        namespace Microsoft.EntityFrameworkCore
        {
            public abstract class DbSet<TEntity> where TEntity : class { }

            public static class RelationalQueryableExtensions
            {
                public static System.Linq.IQueryable<TEntity> FromSqlRaw<TEntity>(this DbSet<TEntity> source, string sql, params object[] parameters) where TEntity : class => null!;
            }

            public static class RelationalDatabaseFacadeExtensions
            {
                public static int ExecuteSqlRaw(this Infrastructure.DatabaseFacade databaseFacade, string sql, params object[] parameters) => 0;
            }
        }

        namespace Microsoft.EntityFrameworkCore.Infrastructure
        {
            public class DatabaseFacade { }
        }

        namespace System.CodeDom.Compiler
        {
            public sealed class CompilerParameters { }
            public sealed class CompilerResults { }
            public abstract class CodeDomProvider
            {
                public static CodeDomProvider CreateProvider(string language) => throw new System.NotSupportedException();
                public virtual CompilerResults CompileAssemblyFromSource(CompilerParameters options, params string[] sources) => new CompilerResults();
            }
        }
        """));

    public static MetadataReference SqlClient => SqlClientReference.Value;

    public static MetadataReference InjectionApis => InjectionApisReference.Value;

    public static MetadataReference SystemWeb => SystemWebReference.Value;

    /// <summary>A library of the given assembly name compiled from <paramref name="source"/>, for a test that needs an
    /// assembly known by its name (a test framework's) without its package.</summary>
    public static MetadataReference Library(string assemblyName, string source) => Compile(assemblyName, source);

    private static MetadataReference Compile(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Stub library {name} does not compile: " +
                string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
