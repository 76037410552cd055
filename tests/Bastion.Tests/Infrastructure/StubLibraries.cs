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
                public void Write(object o) { }
            }
        }
        """));

    public static MetadataReference SqlClient => SqlClientReference.Value;

    public static MetadataReference SystemWeb => SystemWebReference.Value;

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
