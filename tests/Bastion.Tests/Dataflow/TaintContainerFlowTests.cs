using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>Untrusted values carried inside containers from one method, or one class, to another: linked lists and
/// stacks filled by calls that return something (<c>AddLast</c> returns the node), and values serialized into a stream
/// whose bytes are handed on and deserialized. A flow into another method is reported where the untrusted value is
/// handed over. Each shape has its twin with a trusted value, which must stay quiet.</summary>
public sealed class TaintContainerFlowTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient).RunAsync();

    [Fact]
    public Task LinkedListHandedToAnotherClass_Reports() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class Producer
        {
            void Run()
            {
                var servers = new LinkedList<string>();
                servers.AddLast(Console.ReadLine()!);
                Consumer.Open([|servers|]);
            }
        }

        static class Consumer
        {
            public static void Open(LinkedList<string> servers)
            {
                var server = servers.Last!.Value;
                using var connection = new SqlConnection("Server=" + server);
            }
        }
        """);

    [Fact]
    public Task LinkedListOfTrustedValues_DoesNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class Producer
        {
            void Run()
            {
                var servers = new LinkedList<string>();
                servers.AddFirst("db01");
                Console.WriteLine(servers.Contains(Console.ReadLine()!));
                Consumer.Open(servers);
            }
        }

        static class Consumer
        {
            public static void Open(LinkedList<string> servers)
            {
                using var connection = new SqlConnection("Server=" + servers.First!.Value);
            }
        }
        """);

    [Fact]
    public Task SerializedIntoAStreamAndDeserializedElsewhere_Reports() => Verify("""
        using System;
        using System.IO;
        using System.Text.Json;
        using Microsoft.Data.SqlClient;
        class Producer
        {
            void Run()
            {
                var server = Console.ReadLine();
                byte[] bytes;
                using (var buffer = new MemoryStream())
                {
                    JsonSerializer.Serialize(buffer, server);
                    bytes = buffer.ToArray();
                }

                new Consumer().Open([|bytes|]);
            }
        }

        class Consumer
        {
            public void Open(byte[] payload)
            {
                string? server;
                using (var buffer = new MemoryStream())
                {
                    buffer.Write(payload, 0, payload.Length);
                    buffer.Seek(0, SeekOrigin.Begin);
                    server = JsonSerializer.Deserialize<string>(buffer);
                }

                using var connection = new SqlConnection("Server=" + server);
            }
        }
        """);

    [Fact]
    public Task SerializedTrustedValue_DoesNotReport() => Verify("""
        using System;
        using System.IO;
        using System.Text.Json;
        using Microsoft.Data.SqlClient;
        class Producer
        {
            void Run()
            {
                Console.WriteLine(Console.ReadLine());
                byte[] bytes;
                using (var buffer = new MemoryStream())
                {
                    JsonSerializer.Serialize(buffer, "db01");
                    bytes = buffer.ToArray();
                }

                new Consumer().Open(bytes);
            }
        }

        class Consumer
        {
            public void Open(byte[] payload)
            {
                using var buffer = new MemoryStream(payload);
                var server = JsonSerializer.Deserialize<string>(buffer);
                using var connection = new SqlConnection("Server=" + server);
            }
        }
        """);

    [Fact]
    public Task StackAndSortedSetFilledByCallsThatReturnAValue_Report() => Verify("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Data.SqlClient;
        class C
        {
            void M(SqlConnection first, SqlConnection second)
            {
                var stack = new Stack<string>();
                stack.Push(Console.ReadLine()!);
                first.ConnectionString = [|"Server=" + stack.Peek()|];

                var set = new SortedSet<string>();
                set.Add(Console.ReadLine()!);
                second.ConnectionString = [|"Server=" + set.Max|];
            }
        }
        """);

    [Fact]
    public Task StaticFieldOfAnotherClassFilledBeforeTheCall_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Producer
        {
            public static string Server = "";

            void Run()
            {
                Server = Console.ReadLine()!;
                [|Consumer.Open()|];
            }

            void Trusted()
            {
                Server = "db01";
                Consumer.OpenTrusted();
            }
        }

        static class Consumer
        {
            public static void Open()
            {
                using var connection = new SqlConnection("Server=" + Producer.Server);
            }

            public static void OpenTrusted()
            {
                using var connection = new SqlConnection("Server=" + Producer.Server);
            }
        }
        """);

    [Fact]
    public Task PublicStaticFieldFilledElsewhereAndReadLater_Reports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        static class Settings
        {
            public static string Server = "db01";
        }

        class Startup
        {
            void Configure() => Settings.Server = Console.ReadLine()!;
        }

        class Repository
        {
            public SqlConnection Open() => new SqlConnection([|"Server=" + Settings.Server|]);
        }
        """);
}
