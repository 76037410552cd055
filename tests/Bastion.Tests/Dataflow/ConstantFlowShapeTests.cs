using System.Threading.Tasks;
using Xunit;
using Credential = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer>;
using CryptoKey = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>The flow shapes of the constant engine, each with its safe twin, on both of its rules: a hard-coded
/// password reaching a credential API (BST1005) and a hard-coded key reaching a cipher (BST1006).</summary>
public sealed class ConstantFlowShapeTests
{
    [Fact]
    public Task DeadNullWriteOnAnotherBranch_Reports() => Credential.VerifyAsync("""
        using System.Net;
        class C
        {
            private readonly bool enabled = true;

            ICredentials M()
            {
                string value;
                if (enabled)
                {
                    value = [|"Winter2024!"|];
                }
                else
                {
                    value = null;
                }

                return value != null ? new NetworkCredential("svc", value) : null;
            }
        }
        """);

    [Fact]
    public Task NullOrEmptyOnEveryPath_DoesNotReport() => Credential.VerifyAsync("""
        using System.Net;
        class C
        {
            ICredentials M(bool enabled)
            {
                string value = "";
                if (enabled)
                {
                    value = null;
                }

                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task HardcodedOnOnePathInputOnAnother_Reports() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        class C
        {
            ICredentials M(bool interactive)
            {
                string value;
                if (interactive)
                {
                    value = Console.ReadLine();
                }
                else
                {
                    value = [|"Winter2024!"|];
                }

                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task InputOnEveryPath_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        class C
        {
            ICredentials M(bool interactive)
            {
                string value = "";
                if (interactive)
                {
                    value = Console.ReadLine();
                }
                else
                {
                    value = Environment.GetEnvironmentVariable("SVC_PASSWORD");
                }

                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task ConstantOverwrittenBeforeTheSink_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        class C
        {
            ICredentials M()
            {
                var value = "Winter2024!";
                Console.WriteLine(value.Length);
                value = Console.ReadLine();
                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task FallbackAfterAFailedRead_Reports() => Credential.VerifyAsync("""
        using System;
        using System.IO;
        using System.Net;
        class C
        {
            ICredentials M(string path)
            {
                var value = [|"Winter2024!"|];
                try
                {
                    value = File.ReadAllText(path);
                }
                catch (IOException)
                {
                }

                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task LinkedListFilledAndReadInAnotherClass_Reports() => Credential.VerifyAsync("""
        using System.Collections.Generic;
        using System.Net;
        class Producer
        {
            void Run()
            {
                var value = [|"Winter2024!"|];
                var items = new LinkedList<string>();
                items.AddLast(value);
                Consumer.Use(items);
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
                var value = [|"Winter2024!"|];
                var serializer = new XmlSerializer(typeof(string));
                byte[] bytes;
                using (var stream = new MemoryStream())
                {
                    serializer.Serialize(stream, value);
                    bytes = stream.ToArray();
                }

                Consumer.Use(bytes);
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
                holder.Value = [|"Winter2024!"|];
                Consumer.UseHolder(holder);
                var pair = new Pair();
                pair.First = [|"Summer2024!"|];
                Consumer.UsePair(pair);
                Consumer.UseHolder(new Holder { Value = [|"Autumn2024!"|] });
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
                stack.Push([|"Winter2024!"|]);
                return new NetworkCredential("svc", stack.Pop());
            }

            ICredentials FromQueue()
            {
                var queue = new Queue<string>();
                queue.Enqueue([|"Summer2024!"|]);
                return new NetworkCredential("svc", queue.Dequeue());
            }

            ICredentials FromDictionary()
            {
                var map = new Dictionary<string, string>();
                map.Add("db", [|"Autumn2024!"|]);
                return new NetworkCredential("svc", map["db"]);
            }

            ICredentials FromArrayList()
            {
                var list = new ArrayList();
                list.Add([|"Spring2024!"|]);
                return new NetworkCredential("svc", (string)list[0]);
            }

            ICredentials FromHashtable()
            {
                var table = new Hashtable();
                table["db"] = [|"Monsoon2024!"|];
                return new NetworkCredential("svc", (string)table["db"]);
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

    [Fact]
    public Task AbstractAndInterfaceCalls_ReportAtTheConstant() => Credential.VerifyAsync("""
        using System.Net;
        abstract class Sender
        {
            public abstract ICredentials Connect(string value);
        }
        sealed class SmtpSender : Sender
        {
            public override ICredentials Connect(string value) => new NetworkCredential("smtp", value);
        }
        interface IStore
        {
            ICredentials Open(string value);
        }
        sealed class Store : IStore
        {
            public ICredentials Open(string value) => new NetworkCredential("store", value);
        }
        class C
        {
            void Run(Sender sender, IStore store)
            {
                sender.Connect([|"Winter2024!"|]);
                store.Open([|"Summer2024!"|]);
            }
        }
        """);

    [Fact]
    public Task VirtualCallWhoseImplementationsReachNoSink_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        interface ILabel
        {
            void Show(string value);
        }
        sealed class ConsoleLabel : ILabel
        {
            public void Show(string value) => Console.WriteLine(value);
        }
        class C
        {
            void Run(ILabel label) => label.Show("Winter2024!");
        }
        """);

    [Fact]
    public Task ValueHandedThroughFourHelpersInOtherClasses_Reports() => Credential.VerifyAsync("""
        using System.Net;
        class Start
        {
            void Run() => First.Pass([|"Winter2024!"|]);
        }
        static class First
        {
            public static ICredentials Pass(string a) => Second.Pass(a);
        }
        static class Second
        {
            public static ICredentials Pass(string b) => Third.Pass(b);
        }
        static class Third
        {
            public static ICredentials Pass(string c) => Fourth.Pass(c);
        }
        static class Fourth
        {
            public static ICredentials Pass(string d) => new NetworkCredential("svc", d);
        }
        """);

    [Fact]
    public Task MethodReturningTheConstantOrNull_Reports() => Credential.VerifyAsync("""
        using System.Net;
        class C
        {
            private bool useDefault = true;

            ICredentials M()
            {
                var value = Source();
                return value == null ? null : new NetworkCredential("svc", value);
            }

            private string Source()
            {
                string value;
                if (useDefault)
                {
                    value = [|"Winter2024!"|];
                }
                else
                {
                    value = null;
                }

                return value;
            }
        }
        """);

    [Fact]
    public Task PasswordConcatenatedInterpolatedOrFormattedIntoAConnectionString_Reports() => Credential.VerifyAsync("""
        class C
        {
            private const string Fallback = "Winter2024!";

            string A()
            {
                var value = [|"Summer2024!"|];
                return "Server=db;User ID=app;Password=" + value;
            }

            string B(string host)
            {
                var value = [|"Autumn2024!"|];
                return $"Server={host};User ID=app;Password={value};";
            }

            string D(string host) => string.Format("Server={0};User ID=app;Pwd={1};", host, [|Fallback|]);
        }
        """);

    [Fact]
    public Task InputConcatenatedIntoAConnectionString_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        class C
        {
            string A() => "Server=db;User ID=app;Password=" + Console.ReadLine();

            string B()
            {
                var user = "app";
                return "Server=db;User ID=" + user + ";Password=" + Environment.GetEnvironmentVariable("DB_PASSWORD");
            }
        }
        """);

    [Fact]
    public Task KeyArrayWrittenElementByElement_Reports() => CryptoKey.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            byte[] M(byte[] data)
            {
                var key = new byte[4];
                key[0] = [|0x2A|];
                key[1] = 0x17;
                key[2] = 0x3C;
                key[3] = 0x05;
                using var aes = Aes.Create();
                aes.Key = key;
                return aes.EncryptCbc(data, new byte[16]);
            }
        }
        """);

    [Fact]
    public Task KeyArrayFilledAtRandom_DoesNotReport() => CryptoKey.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            byte[] M(byte[] data)
            {
                var key = new byte[32];
                RandomNumberGenerator.Fill(key);
                key[0] = 0x2A;
                using var aes = Aes.Create();
                aes.Key = key;
                return aes.EncryptCbc(data, new byte[16]);
            }
        }
        """);

    [Fact]
    public Task KeyThroughAnAbstractHelper_Reports() => CryptoKey.VerifyAsync("""
        using System.Security.Cryptography;
        using System.Text;
        abstract class Encryptor
        {
            public abstract byte[] Encrypt(string key, byte[] data);
        }
        sealed class AesEncryptor : Encryptor
        {
            public override byte[] Encrypt(string key, byte[] data)
            {
                using var aes = Aes.Create();
                aes.Key = Encoding.UTF8.GetBytes(key);
                return aes.EncryptCbc(data, new byte[16]);
            }
        }
        class C
        {
            byte[] Run(Encryptor encryptor, byte[] data) => encryptor.Encrypt([|"0123456789abcdef"|], data);
        }
        """);
}
