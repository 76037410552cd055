using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.SqlInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class SqlInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient, StubLibraries.InjectionApis).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.Data.Common;
        using Dapper;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection, DbCommand command)
            {
                var name = Console.ReadLine();
                command.CommandText = [|"select * from users where name = '" + name + "'"|];
                command.CommandText += [|" or name = '" + name + "'"|];
                using var created = new SqlCommand([|"delete from users where name = '" + name + "'"|], connection);
                connection.Query<string>([|$"select id from users where name = '{name}'"|]);
                connection.Execute([|"update users set seen = 1 where name = '" + name + "'"|]);
            }
        }
        """);

    [Fact]
    public Task ParametersAndConstants_DoNotReport() => Verify("""
        using System;
        using Dapper;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var name = Console.ReadLine();
                using var command = new SqlCommand("select * from users where name = @name", connection);
                command.Parameters.AddWithValue("@name", name);
                command.CommandText += " order by name";
                command.ExecuteNonQuery();
                connection.Query<string>("select id from users where name = @name", new { name });
                var fixedName = "admin";
                command.CommandText = "select * from users where name = '" + fixedName + "'";
            }
        }
        """);

    [Fact]
    public Task NumberParsedBeforeUse_DoesNotReport() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var id = Console.ReadLine()!;
                int.Parse(id);
                command.CommandText = "select * from users where id = " + id;
            }
        }
        """);

    [Fact]
    public Task HtmlEncodingDoesNotMakeSqlSafe_Reports() => Verify("""
        using System;
        using System.Net;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var name = WebUtility.HtmlEncode(Console.ReadLine());
                command.CommandText = [|"select * from users where name = '" + name + "'"|];
            }
        }
        """);

    [Fact]
    public Task VirtualCallOnCreatedReceiver_RunsThatOverrideOnly() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        abstract class Query
        {
            public abstract void Run(SqlCommand command, string name);
        }
        sealed class Concatenating : Query
        {
            public override void Run(SqlCommand command, string name) => command.CommandText = "select * from users where name = '" + name + "'";
        }
        sealed class Parameterized : Query
        {
            public override void Run(SqlCommand command, string name)
            {
                command.CommandText = "select * from users where name = @name";
                command.Parameters.AddWithValue("@name", name);
            }
        }
        class C
        {
            void Unsafe(SqlCommand command)
            {
                Query query = new Concatenating();
                query.Run(command, [|Console.ReadLine()!|]);
            }

            void Safe(SqlCommand command)
            {
                Query query = new Parameterized();
                query.Run(command, Console.ReadLine()!);
            }
        }
        """);
}
