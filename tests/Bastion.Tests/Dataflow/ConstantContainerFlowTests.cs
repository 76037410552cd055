using System.Threading.Tasks;
using Xunit;
using Credential = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer>;
using CryptoKey = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>The constant engine through containers, each shape with its safe twin: collections filled by calls and read
/// back (in another class too), objects and structs whose fields carry the value, and values serialized to bytes.</summary>
public sealed class ConstantContainerFlowTests
{
    [Fact]
    public Task LinkedListFilledAndReadInAnotherClass_Reports() => Credential.VerifyAsync("""
        using System.Collections.Generic;
        using System.Net;
        class Producer
        {
            void Run()
            {
                var value = "Winter2024!";
                var items = new LinkedList<string>();
                items.AddLast(value);
                Consumer.Use([|items|]);
            }
        }
        static class Consumer
        {
            public static ICredentials Use(LinkedList<string> items) => new NetworkCredential("svc", items.Last.Value);
        }
        """);

    [Fact]
    public Task LinkedListFilledWithInput_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net;
        class Producer
        {
            void Run()
            {
                var items = new LinkedList<string>();
                items.AddLast(Console.ReadLine());
                Consumer.Use(items);
            }
        }
        static class Consumer
        {
            public static ICredentials Use(LinkedList<string> items) => new NetworkCredential("svc", items.Last.Value);
        }
        """);

    [Fact]
    public Task SerializedToBytesAndReadBackInAnotherClass_Reports() => Credential.VerifyAsync("""
        using System.IO;
        using System.Net;
        using System.Xml.Serialization;
        class Producer
        {
            void Run()
            {
                var value = "Winter2024!";
                var serializer = new XmlSerializer(typeof(string));
                byte[] bytes;
                using (var stream = new MemoryStream())
                {
                    serializer.Serialize(stream, value);
                    bytes = stream.ToArray();
                }

                Consumer.Use([|bytes|]);
            }
        }
        static class Consumer
        {
            public static ICredentials Use(byte[] bytes)
            {
                var serializer = new XmlSerializer(typeof(string));
                using var stream = new MemoryStream();
                stream.Write(bytes, 0, bytes.Length);
                stream.Seek(0, SeekOrigin.Begin);
                var value = (string)serializer.Deserialize(stream);
                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task SerializedInputReadBack_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.IO;
        using System.Net;
        using System.Xml.Serialization;
        class C
        {
            ICredentials Run()
            {
                var serializer = new XmlSerializer(typeof(string));
                using var stream = new MemoryStream();
                serializer.Serialize(stream, Console.ReadLine());
                stream.Position = 0;
                return new NetworkCredential("svc", (string)serializer.Deserialize(stream));
            }
        }
        """);

    [Fact]
    public Task FieldOfAnObjectAndOfAStructCarryTheValue_Report() => Credential.VerifyAsync("""
        using System.Net;
        class Holder
        {
            public string User;
            public string Value;
        }
        struct Pair
        {
            public string First;
        }
        class Producer
        {
            void Run()
            {
                var holder = new Holder();
                holder.Value = "Winter2024!";
                Consumer.UseHolder([|holder|]);
                var pair = new Pair();
                pair.First = "Summer2024!";
                Consumer.UsePair([|pair|]);
                Consumer.UseHolder([|new Holder { Value = "Autumn2024!" }|]);
            }
        }
        static class Consumer
        {
            public static ICredentials UseHolder(Holder holder) => new NetworkCredential(holder.User, holder.Value);
            public static ICredentials UsePair(Pair pair)
            {
                var value = pair.First;
                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task ConstantInAnotherFieldOfTheObject_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        class Holder
        {
            public string User;
            public string Value;
        }
        class Producer
        {
            ICredentials Run()
            {
                var holder = new Holder { User = "svc-backup" };
                holder.Value = Console.ReadLine();
                return Consumer.Use(holder);
            }
        }
        static class Consumer
        {
            public static ICredentials Use(Holder holder) => new NetworkCredential(holder.User, holder.Value);
        }
        """);

    [Fact]
    public Task StackQueueDictionaryArrayListAndHashtable_Report() => Credential.VerifyAsync("""
        using System.Collections;
        using System.Collections.Generic;
        using System.Net;
        class C
        {
            ICredentials FromStack()
            {
                var stack = new Stack<string>();
                stack.Push("Winter2024!");
                return new NetworkCredential("svc", [|stack.Pop()|]);
            }

            ICredentials FromQueue()
            {
                var queue = new Queue<string>();
                queue.Enqueue("Summer2024!");
                return new NetworkCredential("svc", [|queue.Dequeue()|]);
            }

            ICredentials FromDictionary()
            {
                var map = new Dictionary<string, string>();
                map.Add("db", "Autumn2024!");
                return new NetworkCredential("svc", [|map["db"]|]);
            }

            ICredentials FromArrayList()
            {
                var list = new ArrayList();
                list.Add("Spring2024!");
                return new NetworkCredential("svc", [|(string)list[0]|]);
            }

            ICredentials FromHashtable()
            {
                var table = new Hashtable();
                table["db"] = "Monsoon2024!";
                return new NetworkCredential("svc", [|(string)table["db"]|]);
            }
        }
        """);

    [Fact]
    public Task CollectionWithAnyInputElement_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net;
        class C
        {
            ICredentials M()
            {
                var list = new List<string>();
                list.Add("Winter2024!");
                list.Add(Console.ReadLine());
                return new NetworkCredential("svc", list[1]);
            }
        }
        """);
}
