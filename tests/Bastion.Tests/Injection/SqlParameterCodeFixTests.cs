using System.Threading.Tasks;
using Bastion.CodeFixes.Injection;
using Bastion.Tests.Infrastructure;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Injection.SqlInjectionAnalyzer, Bastion.CodeFixes.Injection.SqlParameterCodeFix>;

namespace Bastion.Tests.Injection;

public sealed class SqlParameterCodeFixTests
{
    private static BastionTest Fix(string source, string fixedSource) =>
        VerifyFix.Test(source, fixedSource).WithReferences(StubLibraries.SqlClient, StubLibraries.InjectionApis);

    [Fact]
    public Task QuotedValueInCommandText_BecomesAddWithValue() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var name = Console.ReadLine()!;
                command.CommandText = [|"select * from users where name = '" + name + "'"|];
                command.ExecuteNonQuery();
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var name = Console.ReadLine()!;
                command.CommandText = "select * from users where name = @name";
                command.Parameters.AddWithValue("@name", name);
                command.ExecuteNonQuery();
            }
        }
        """).WithEquivalenceKey(SqlParameterCodeFix.ParameterizeKey).RunAsync();

    [Fact]
    public Task MaybeNullValue_KeepsTheEmptyStringTheConcatenationGave() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                command.CommandText = [|$"select * from users where name = N'{Console.ReadLine()}'"|];
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                command.CommandText = "select * from users where name = @readLine";
                command.Parameters.AddWithValue("@readLine", Console.ReadLine() ?? "");
            }
        }
        """).RunAsync();

    [Fact]
    public Task LikePatternAndBareComparison_BecomeParameters_ConstantsKept() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            const string Table = "products";

            void M(SqlConnection connection)
            {
                var term = Console.ReadLine()!;
                var id = Console.ReadLine()!;
                using var command = new SqlCommand([|"select name from " + Table + " where name like '%" + term + "%' and id > " + id|], connection);
                command.ExecuteScalar();
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            const string Table = "products";

            void M(SqlConnection connection)
            {
                var term = Console.ReadLine()!;
                var id = Console.ReadLine()!;
                using var command = new SqlCommand("select name from " + Table + " where name like @term and id > @id", connection);
                command.Parameters.AddWithValue("@term", $"%{term}%");
                command.Parameters.AddWithValue("@id", id);
                command.ExecuteScalar();
            }
        }
        """).RunAsync();

    [Fact]
    public Task UsingStatement_ParametersGoAtTheTopOfItsBody() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection, string user)
            {
                var name = Console.ReadLine()!;
                using (var command = new SqlCommand([|"delete from users where name = '" + name + "' and owner = '" + name + "'"|], connection))
                {
                    command.ExecuteNonQuery();
                }
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection, string user)
            {
                var name = Console.ReadLine()!;
                using (var command = new SqlCommand("delete from users where name = @name and owner = @name2", connection))
                {
                    command.Parameters.AddWithValue("@name", name);
                    command.Parameters.AddWithValue("@name2", name);
                    command.ExecuteNonQuery();
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task AnyAdoNetCommand_GetsCreateParameter() => Fix("""
        using System;
        using System.Data.Common;
        class C
        {
            void M(DbConnection connection)
            {
                using var command = connection.CreateCommand();
                var term = Console.ReadLine()!;
                command.CommandText = [|"select name from products where name like '%" + term + "%'"|];
                command.ExecuteScalar();
            }
        }
        """, """
        using System;
        using System.Data.Common;
        class C
        {
            void M(DbConnection connection)
            {
                using var command = connection.CreateCommand();
                var term = Console.ReadLine()!;
                command.CommandText = "select name from products where name like @term";
                var termParameter = command.CreateParameter();
                termParameter.ParameterName = "@term";
                termParameter.Value = $"%{term}%";
                command.Parameters.Add(termParameter);
                command.ExecuteScalar();
            }
        }
        """).RunAsync();

    [Fact]
    public Task DapperCall_GetsAnAnonymousParamObject() => Fix("""
        using System;
        using Dapper;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection, string[] args)
            {
                var name = Console.ReadLine()!;
                connection.Query<string>([|$"select id from users where name = '{name}' and city = '{args[0]}'"|]);
            }
        }
        """, """
        using System;
        using Dapper;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection, string[] args)
            {
                var name = Console.ReadLine()!;
                connection.Query<string>("select id from users where name = @name and city = @p", new { name, p = args[0] });
            }
        }
        """).RunAsync();

    [Fact]
    public Task EntityFrameworkRawSql_GetsIndexedPlaceholdersAndArguments() => Fix("""
        using System;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        class User { }
        class C
        {
            const string Table = "users";

            void M(DbSet<User> users, DatabaseFacade database)
            {
                var name = Console.ReadLine()!;
                users.FromSqlRaw([|"select * from " + Table + " where name = '" + name + "'"|]).ToList();
                database.ExecuteSqlRaw([|$"delete from users where name = '{name}' and id > {Console.ReadLine()}"|]);
                database.ExecuteSqlRaw([|"update users set seen = 1 where name like '{" + name + "}'"|]);
            }
        }
        """, """
        using System;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        class User { }
        class C
        {
            const string Table = "users";

            void M(DbSet<User> users, DatabaseFacade database)
            {
                var name = Console.ReadLine()!;
                users.FromSqlRaw("select * from " + Table + " where name = {0}", name).ToList();
                database.ExecuteSqlRaw("delete from users where name = {0} and id > {1}", name, Console.ReadLine());
                database.ExecuteSqlRaw([|"update users set seen = 1 where name like '{" + name + "}'"|]);
            }
        }
        """).RunAsync();

    [Fact]
    public Task ValueWhereNoParameterCanStand_IsReportedButNotRewritten() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var column = Console.ReadLine()!;
                command.CommandText = [|"select * from users order by " + column|];
                command.CommandText = [|"select * from users where id in (" + column + ")"|];
                command.CommandText = [|"select * from users where name = 'it''s " + column + "'"|];
                var built = "select * from users where name = '" + column + "'";
                command.CommandText = [|built|];
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlCommand command)
            {
                var column = Console.ReadLine()!;
                command.CommandText = [|"select * from users order by " + column|];
                command.CommandText = [|"select * from users where id in (" + column + ")"|];
                command.CommandText = [|"select * from users where name = 'it''s " + column + "'"|];
                var built = "select * from users where name = '" + column + "'";
                command.CommandText = [|built|];
            }
        }
        """).RunAsync();

    [Fact]
    public Task FixAll_RewritesEveryCommandOfTheDocument() => Fix("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void Find(SqlCommand command)
            {
                var name = Console.ReadLine()!;
                command.CommandText = [|@"select *
        from users where name = '" + name + "'"|];
            }

            void Remove(SqlCommand command)
            {
                command.CommandText = [|"delete from users where id = " + Console.ReadLine()|];
            }
        }
        """, """
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void Find(SqlCommand command)
            {
                var name = Console.ReadLine()!;
                command.CommandText = @"select *
        from users where name = @name";
                command.Parameters.AddWithValue("@name", name);
            }

            void Remove(SqlCommand command)
            {
                command.CommandText = "delete from users where id = @readLine";
                command.Parameters.AddWithValue("@readLine", Console.ReadLine());
            }
        }
        """).RunAsync();
}
