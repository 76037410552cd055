using System.Threading.Tasks;
using Bastion.Analyzers.ConfigurationIntegrity;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>The taint engine's flow shapes, seen through BST2001 (a console line reaching <c>SqlConnection</c>): every
/// way a value travels — variables, control flow, fields, parameters, returns, call chains, collections, virtual
/// dispatch — and every way it stops being untrusted.</summary>
public sealed class TaintFlowTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient).RunAsync();

    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient);

    [Fact]
    public Task StraightLine_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M()
            {
                var server = Console.ReadLine();
                using var connection = new SqlConnection([|"Server=" + server + ";Database=shop"|]);
            }
        }
        """);

    [Fact]
    public Task CopiedBetweenVariables_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var a = Console.ReadLine();
                var b = a;
                string c;
                c = b!.Trim();
                connection.ConnectionString = [|$"Server={c};Database=shop"|];
            }
        }
        """);

    [Fact]
    public Task StringOperations_KeepTaint() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var input = Console.ReadLine()!;
                var a = string.Format("Server={0}", input.Substring(1).ToUpperInvariant());
                var b = string.Join(";", new[] { a, "Database=shop" });
                var c = b.Replace("x", "y");
                connection.ConnectionString = [|c|];
            }
        }
        """);

    [Fact]
    public Task ReassignedWithConstant_DoesNotReport() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var server = Console.ReadLine();
                server = "db01";
                connection.ConnectionString = "Server=" + server;
            }
        }
        """);

    [Fact]
    public Task Constant_DoesNotReport() => Verify("""
        using Microsoft.Data.SqlClient;
        class C
        {
            const string Server = "db01";
            void M(SqlConnection connection) => connection.ConnectionString = "Server=" + Server + ";Database=shop";
        }
        """);

    [Fact]
    public Task IfElse_TaintedOnOneBranch_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            static bool Remote;
            void M(SqlConnection connection)
            {
                string server;
                if (Remote)
                {
                    server = Console.ReadLine()!;
                }
                else
                {
                    server = "localhost";
                }

                connection.ConnectionString = [|"Server=" + server|];
            }
        }
        """);

    [Fact]
    public Task SwitchLoopsTryGoto_Report() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            void Switch(SqlConnection connection, int mode)
            {
                var server = "localhost";
                switch (mode)
                {
                    case 1: server = Console.ReadLine()!; break;
                    default: break;
                }

                connection.ConnectionString = [|server|];
            }

            void Loop(SqlConnection connection)
            {
                var server = "localhost";
                for (var i = 0; i < 3; i++)
                {
                    var previous = server;
                    server = Console.ReadLine() ?? previous;
                }

                connection.ConnectionString = [|server|];
            }

            void While(SqlConnection connection)
            {
                string text = "", line;
                while ((line = Console.ReadLine()!) != null)
                {
                    text += line;
                }

                connection.ConnectionString = [|text|];
            }

            void ForEach(SqlConnection connection)
            {
                foreach (var line in Console.ReadLine()!.Split(','))
                {
                    connection.ConnectionString = [|line|];
                }
            }

            void TryCatch(SqlConnection connection)
            {
                var server = "localhost";
                try
                {
                    server = Console.ReadLine()!;
                    throw new InvalidOperationException();
                }
                catch (InvalidOperationException)
                {
                    connection.ConnectionString = [|server|];
                }
            }

            void Finally(SqlConnection connection)
            {
                var server = "localhost";
                try
                {
                    server = Console.ReadLine()!;
                }
                finally
                {
                    connection.ConnectionString = [|server|];
                }
            }

            void Goto(SqlConnection connection)
            {
                var server = "localhost";
                var tries = 0;
            again:
                if (tries++ > 0)
                {
                    connection.ConnectionString = [|server|];
                    return;
                }

                server = Console.ReadLine()!;
                goto again;
            }
        }
        """);

    [Fact]
    public Task FlagFromAStaticMember_StillReports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        static class Settings { public static bool AllowOverride = true; }
        class C
        {
            void M(SqlConnection connection)
            {
                var server = "db01";
                if (Settings.AllowOverride)
                {
                    server = Environment.GetEnvironmentVariable("DB_SERVER") ?? server;
                }

                connection.ConnectionString = [|"Server=" + server|];
            }
        }
        """);

    [Fact]
    public Task ThroughParametersReturnsAndFields_ReportsAtTheCall() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Controller
        {
            private readonly Repository repository = new();
            void Handle()
            {
                var server = Console.ReadLine()!;
                var text = Builder.Build(server);
                repository.Open([|text|]);
            }
        }
        static class Builder
        {
            public static string Build(string server) => Format(server) + ";Database=shop";
            private static string Format(string s) => "Server=" + s.Trim();
        }
        class Repository
        {
            public void Open(string connectionString)
            {
                using var connection = new SqlConnection(connectionString);
            }
        }
        """);

    [Fact]
    public Task ParameterToFieldThenFieldToSink_ReportsAtTheCallThatReachesTheSink() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Startup
        {
            void Run()
            {
                var store = new Store();
                store.Configure(Console.ReadLine()!);
                [|store.Open()|];
            }
        }
        class Store
        {
            private string server = "localhost";
            public void Configure(string value) => server = value;
            public SqlConnection Open() => new SqlConnection("Server=" + server);
        }
        """);

    [Fact]
    public Task FieldWrittenFromASourceInItsType_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Store
        {
            private static readonly string Server = Environment.GetEnvironmentVariable("DB")!;
            public SqlConnection Open() => new SqlConnection([|"Server=" + Server|]);
        }
        """);

    [Fact]
    public Task ChainOfFiveMethodsAcrossClassesAndFiles_Reports() => Test("""
        using System;
        class Entry
        {
            void Main() => new A().One([|Console.ReadLine()!|]);
        }
        class A { public void One(string s) => new B().Two("x" + s); }
        """).WithSource("""
        class B { public void Two(string s) => C.Three(s, 1); }
        static class C { public static void Three(string s, int n) => new D().Four(s); }
        """, "Chain.cs").WithSource("""
        using Microsoft.Data.SqlClient;
        class D
        {
            public void Four(string s) => Five(s);
            private static void Five(string value) { using var c = new SqlConnection(value); }
        }
        """, "Sink.cs").RunAsync();

    [Fact]
    public Task OutAndRefParameters_CarryTaint() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            static void Read(out string value) => value = Console.ReadLine()!;
            static void Append(ref string text, string part) => text += part;

            void M(SqlConnection connection)
            {
                Read(out var server);
                connection.ConnectionString = [|server|];
                var text = "Server=db";
                Append(ref text, Console.ReadLine()!);
                connection.ConnectionString = [|text|];
            }
        }
        """);

    [Fact]
    public Task ArraysListsDictionariesQueuesAndBuilders_CarryTaint() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Text;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection connection)
            {
                var input = Console.ReadLine()!;
                var array = new string[2];
                array[0] = input;
                connection.ConnectionString = [|array[1]|];

                var list = new List<string>();
                list.Add(input);
                connection.ConnectionString = [|list[0]|];

                var map = new Dictionary<string, string> { ["server"] = input };
                connection.ConnectionString = [|map["server"]|];

                var queue = new Queue<string>();
                queue.Enqueue(input);
                connection.ConnectionString = [|queue.Dequeue()|];

                var builder = new StringBuilder("Server=");
                builder.Append(input).Append(";Database=shop");
                connection.ConnectionString = [|builder.ToString()|];
            }
        }
        """);

    [Fact]
    public Task AllowListLookupByUntrustedKey_DoesNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class C
        {
            private static readonly Dictionary<string, string> Servers = new() { ["eu"] = "db-eu", ["us"] = "db-us" };
            void M(SqlConnection connection)
            {
                var region = Console.ReadLine()!;
                if (Servers.TryGetValue(region, out var server))
                {
                    connection.ConnectionString = "Server=" + server;
                }
            }
        }
        """);

    [Fact]
    public Task AbstractBaseWithOverride_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        abstract class Store
        {
            public abstract void Open(string server);
        }
        sealed class SqlStore : Store
        {
            public override void Open(string server) { using var c = new SqlConnection("Server=" + server); }
        }
        class C
        {
            void M(Store store) => store.Open([|Console.ReadLine()!|]);
        }
        """);

    [Fact]
    public Task InterfaceImplementation_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        interface IStore { void Open(string server); }
        sealed class SqlStore : IStore
        {
            public void Open(string server) { using var c = new SqlConnection("Server=" + server); }
        }
        class C
        {
            void M(IStore store) => store.Open([|Console.ReadLine()!|]);
        }
        """);

    [Fact]
    public Task ExplicitAndInheritedInterfaceImplementations_Report() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        interface IStore { void Open(string server); }
        interface IArchive { void Open(string server); }
        sealed class SqlStore : IStore
        {
            void IStore.Open(string server) { using var c = new SqlConnection("Server=" + server); }
        }
        class SqlBase
        {
            public void Open(string server) { using var c = new SqlConnection("Server=" + server); }
        }
        sealed class Archive : SqlBase, IArchive { }
        class C
        {
            void M(IStore store) => store.Open([|Console.ReadLine()!|]);
            void N(IArchive archive) => archive.Open([|Console.ReadLine()!|]);
        }
        """);

    [Fact]
    public Task ImplementationThatDoesNotReachASink_DoesNotReport() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        interface IStore { void Open(string server); }
        sealed class LoggingStore : IStore
        {
            void IStore.Open(string server) => Console.WriteLine(server.Length);
        }
        class SqlBase
        {
            public void Open(string server) { using var c = new SqlConnection("Server=" + server); }
        }
        sealed class Unrelated : SqlBase { }
        class C
        {
            void M(IStore store) => store.Open(Console.ReadLine()!);
        }
        """);

    [Fact]
    public Task PropertyWithSetterBody_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Store
        {
            private readonly SqlConnection connection = new();
            public string Server { set => connection.ConnectionString = "Server=" + value; }
        }
        class C
        {
            void M(Store store) => store.Server = [|Console.ReadLine()!|];
        }
        """);

    [Fact]
    public Task Recursion_TerminatesAndReports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class C
        {
            static string Read(int n) => n <= 0 ? Console.ReadLine()! : Read(n - 1) + Read(n - 2);
            static bool Even(int n) => n == 0 || Odd(n - 1);
            static bool Odd(int n) => n != 0 && Even(n - 1);
            void M(SqlConnection connection)
            {
                if (Even(4))
                {
                    connection.ConnectionString = [|Read(3)|];
                }
            }
        }
        """);
}
