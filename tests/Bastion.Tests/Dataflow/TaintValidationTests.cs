using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>What clears taint, and only where it holds: each validation on the branch it guards, and the same
/// validation not protecting the other branch or code it does not dominate.</summary>
public sealed class TaintValidationTests
{
    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient);

    private static Task Verify(string source) => Test(source).RunAsync();

    [Fact]
    public Task ComparisonWithConstant_ValidatesOnTheEqualBranchOnly() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine();
                if (server == "db-eu" || server == "db-us")
                {
                    connection.ConnectionString = "Server=" + server;
                }
                else
                {
                    connection.ConnectionString = [|"Server=" + server|];
                }

                if (server != "db-eu")
                {
                    return;
                }

                connection.ConnectionString = "Server=" + server;
            }
        }
        """);

    [Fact]
    public Task EqualsCalls_Validate() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                if (string.Equals(server, "db-eu", StringComparison.OrdinalIgnoreCase) || "db-us".Equals(server))
                {
                    connection.ConnectionString = "Server=" + server;
                }
            }
        }
        """);

    [Fact]
    public Task SwitchOnConstantCases_ValidatesInsideTheCases() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine();
                switch (server)
                {
                    case "db-eu":
                    case "db-us":
                        connection.ConnectionString = "Server=" + server;
                        break;
                    default:
                        connection.ConnectionString = [|"Server=" + server|];
                        break;
                }

                var mapped = server switch { "eu" => "db-eu", "us" => "db-us", _ => "db-default" };
                connection.ConnectionString = "Server=" + mapped;
                if (server is "db-eu" or "db-us")
                {
                    connection.ConnectionString = "Server=" + server;
                }
            }
        }
        """);

    [Fact]
    public Task MembershipInAConstantSet_Validates() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Data.SqlClient;
        class C
        {
            private static readonly HashSet<string> Allowed = new() { "db-eu", "db-us" };
            private static readonly string[] Names = { "db-eu", "db-us" };
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                if (!Allowed.Contains(server))
                {
                    throw new ArgumentException("Unknown server");
                }

                connection.ConnectionString = "Server=" + server;
                var other = Console.ReadLine()!;
                if (Names.Contains(other))
                {
                    connection.ConnectionString = "Server=" + other;
                }
            }
        }
        """);

    [Fact]
    public Task MembershipInAnUntrustedCollection_DoesNotValidate() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                var list = new List<string> { Console.ReadLine()! };
                if (list.Contains(server))
                {
                    connection.ConnectionString = [|"Server=" + server|];
                }

                if (server.Contains("db"))
                {
                    connection.ConnectionString = [|"Server=" + server|];
                }
            }
        }
        """);

    [Fact]
    public Task AnchoredRegex_Validates_UnanchoredDoesNot() => Verify("""
        using System;
        using System.Text.RegularExpressions;
        using Microsoft.Data.SqlClient;
        partial class C
        {
            private static readonly Regex ServerName = new Regex(@"^[a-z0-9-]{1,63}$");

            [GeneratedRegex(@"\A[a-z]+\z")]
            private static partial Regex Database();

            // What the regex source generator would write; the generator does not run in these tests.
            private static partial Regex Database() => new Regex(@"\A[a-z]+\z");

            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                if (Regex.IsMatch(server, "^[a-z0-9-]+$"))
                {
                    connection.ConnectionString = "Server=" + server;
                }

                if (ServerName.IsMatch(server) && Database().IsMatch(server))
                {
                    connection.ConnectionString = "Server=" + server;
                }

                if (Regex.IsMatch(server, "[a-z]+"))
                {
                    connection.ConnectionString = [|"Server=" + server|];
                }
            }
        }
        """);

    [Fact]
    public Task ParsedNumbersGuidsBoolsAndEnums_AreClean() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        enum Region { Eu, Us }
        class C
        {
            void M(SqlConnection connection)
            {
                var input = Console.ReadLine()!;
                var port = int.Parse(input);
                connection.ConnectionString = "Server=db," + port;
                if (int.TryParse(input, out var timeout))
                {
                    connection.ConnectionString = "Server=db;Connect Timeout=" + timeout;
                }

                if (Guid.TryParse(input, out _))
                {
                    connection.ConnectionString = "Server=db;Application Name=" + input;
                }

                if (Enum.TryParse<Region>(input, out var region) && bool.TryParse(Console.ReadLine(), out var pooled))
                {
                    connection.ConnectionString = "Server=db-" + region + ";Pooling=" + pooled;
                }
            }
        }
        """);

    [Fact]
    public Task ValidationFlagInALocalOrField_Validates() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class C
        {
            private static readonly HashSet<string> Allowed = new() { "db-eu" };
            private bool known;
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                var ok = Allowed.Contains(server);
                if (ok)
                {
                    connection.ConnectionString = "Server=" + server;
                }

                known = Allowed.Contains(server);
                if (!known)
                {
                    return;
                }

                connection.ConnectionString = "Server=" + server;
            }
        }
        """);

    [Fact]
    public Task UserValidatorAndSanitizerFromOptions_Validate() => Test("""
        using System;
        using Microsoft.Data.SqlClient;
        namespace MyApp.Validation
        {
            static class Names
            {
                public static bool IsSafeName(string value) => value.Length < 64;
                public static string Clean(string value) => value.Replace(";", "");
            }
        }
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                if (MyApp.Validation.Names.IsSafeName(server))
                {
                    connection.ConnectionString = "Server=" + server;
                }

                connection.ConnectionString = "Server=" + MyApp.Validation.Names.Clean(server);
                connection.ConnectionString = [|"Server=" + server|];
            }
        }
        """).WithEditorConfig("bastion.BST2001.validators = MyApp.Validation.Names.IsSafeName, MyApp.Validation.Names.Clean").RunAsync();

    [Fact]
    public Task WithoutTheOption_TheSameValidatorDoesNotValidate() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        static class Names { public static bool IsSafeName(string value) => value.Length < 64; }
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine()!;
                if (Names.IsSafeName(server))
                {
                    connection.ConnectionString = [|"Server=" + server|];
                }
            }
        }
        """);

    [Fact]
    public Task ConnectionStringBuilderTypedProperties_AreTheSafeWay() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M()
            {
                var builder = new SqlConnectionStringBuilder { DataSource = Console.ReadLine()!, InitialCatalog = "shop" };
                builder["Application Name"] = Console.ReadLine();
                using var connection = new SqlConnection(builder.ConnectionString);
            }
        }
        """);
}
