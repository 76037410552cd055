using System.Threading.Tasks;
using Bastion.CodeFixes.ConfigurationIntegrity;
using Bastion.Tests.Infrastructure;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer, Bastion.CodeFixes.ConfigurationIntegrity.UntrustedConnectionStringCodeFix>;

namespace Bastion.Tests.ConfigurationIntegrity;

public sealed class UntrustedConnectionStringCodeFixTests
{
    private static BastionTest Test(string source, string fixedSource) => VerifyFix.Test(source, fixedSource).WithReferences(StubLibraries.SqlClient);

    [Fact]
    public Task Concatenation_BecomesSqlConnectionStringBuilderWithTypedProperties() => Test("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M()
            {
                var server = Console.ReadLine();
                using var connection = new SqlConnection([|"Server=" + server + ";Database=shop;Integrated Security=SSPI;Connect Timeout=30;Encrypt=true"|]);
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M()
            {
                var server = Console.ReadLine();
                using var connection = new SqlConnection(new SqlConnectionStringBuilder { DataSource = server, InitialCatalog = "shop", IntegratedSecurity = true, ConnectTimeout = 30, ["Encrypt"] = "true" }.ConnectionString);
            }
        }
        """).WithEquivalenceKey(UntrustedConnectionStringCodeFix.UseBuilderKey).RunAsync();

    [Fact]
    public Task Interpolation_WithValueAroundAHole_KeepsTheValueTogether() => Test("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var host = Console.ReadLine();
                connection.ConnectionString = [|$"Data Source=tcp:{host},1433; User ID = app ; Password={Environment.GetEnvironmentVariable("DB_PASSWORD")}"|];
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var host = Console.ReadLine();
                connection.ConnectionString = new SqlConnectionStringBuilder { DataSource = "tcp:" + host + ",1433", UserID = "app", Password = Environment.GetEnvironmentVariable("DB_PASSWORD") }.ConnectionString;
            }
        }
        """).RunAsync();

    [Fact]
    public Task OtherProviders_UseDbConnectionStringBuilderIndexers() => Test("""
        using System;
        using System.Data.Common;
        class C
        {
            void M(DbConnection connection)
            {
                var name = Console.ReadLine();
                connection.ConnectionString = [|"Host=db;Username=app;Database=" + name|];
                connection.ConnectionString = [|"Host=" + name|];
            }
        }
        """, """
        using System;
        using System.Data.Common;
        class C
        {
            void M(DbConnection connection)
            {
                var name = Console.ReadLine();
                connection.ConnectionString = new DbConnectionStringBuilder { ["Host"] = "db", ["Username"] = "app", ["Database"] = name }.ConnectionString;
                connection.ConnectionString = new DbConnectionStringBuilder { ["Host"] = name }.ConnectionString;
            }
        }
        """).RunAsync();

    [Fact]
    public Task NoFix_WhenTheKeywordIsNotConstantOrTheValueIsNotATemplate() => VerifyFix.Test("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var text = Console.ReadLine();
                connection.ConnectionString = [|text + "=x"|];
                connection.ConnectionString = [|text|];
                connection.ConnectionString = [|"Server='" + text + "'"|];
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var text = Console.ReadLine();
                connection.ConnectionString = [|text + "=x"|];
                connection.ConnectionString = [|text|];
                connection.ConnectionString = [|"Server='" + text + "'"|];
            }
        }
        """).WithReferences(StubLibraries.SqlClient).RunAsync();
}
