using System.Threading.Tasks;
using Xunit;
using Credential = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer>;
using CryptoKey = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>The constant engine across methods and classes, each shape with its safe twin: abstract, virtual and
/// interface calls, chains of helpers in other classes, methods returning the value, static fields of other classes.</summary>
public sealed class ConstantCallFlowTests
{
    [Fact]
    public Task AbstractAndInterfaceCalls_ReportAtTheCall() => Credential.VerifyAsync("""
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
                return value == null ? null : new NetworkCredential("svc", [|value|]);
            }

            private string Source()
            {
                string value;
                if (useDefault)
                {
                    value = "Winter2024!";
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
    public Task StaticFieldOfAnotherClassSetBeforeTheCall_Reports() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        class Producer
        {
            public static string Value;

            void Run()
            {
                Value = "Winter2024!";
                Consumer.Open();
            }

            void Other()
            {
                Value = Console.ReadLine();
                Consumer.OpenOther();
            }
        }

        static class Consumer
        {
            public static ICredentials Open() => new NetworkCredential("svc", [|Producer.Value|]);

            public static ICredentials OpenOther()
            {
                var value = Producer.Value;
                return new NetworkCredential("svc", value);
            }
        }
        """);

    [Fact]
    public Task StaticFieldOfAnotherClassSetFromInput_DoesNotReport() => Credential.VerifyAsync("""
        using System;
        using System.Net;
        static class Settings
        {
            public static string Value = "";
        }

        class Producer
        {
            void Run()
            {
                Settings.Value = Console.ReadLine();
                Consumer.Open();
            }
        }

        static class Consumer
        {
            public static ICredentials Open() => new NetworkCredential("svc", Settings.Value);
        }
        """);

    [Fact]
    public Task PublicStaticFieldInitializedWithAConstant_Reports() => Credential.VerifyAsync("""
        using System.Net;
        static class Settings
        {
            public static string Value = "Winter2024!";
        }

        static class Consumer
        {
            public static ICredentials Open() => new NetworkCredential("svc", [|Settings.Value|]);
        }
        """);
}
