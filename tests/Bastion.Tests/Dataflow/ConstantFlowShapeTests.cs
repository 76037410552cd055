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
                    value = "Winter2024!";
                }
                else
                {
                    value = null;
                }

                return value != null ? new NetworkCredential("svc", [|value|]) : null;
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
                    value = "Winter2024!";
                }

                return new NetworkCredential("svc", [|value|]);
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
                var value = "Winter2024!";
                try
                {
                    value = File.ReadAllText(path);
                }
                catch (IOException)
                {
                }

                return new NetworkCredential("svc", [|value|]);
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
                var value = "Summer2024!";
                return "Server=db;User ID=app;Password=" + [|value|];
            }

            string B(string host)
            {
                var value = "Autumn2024!";
                return $"Server={host};User ID=app;Password={[|value|]};";
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
                key[0] = 0x2A;
                key[1] = 0x17;
                key[2] = 0x3C;
                key[3] = 0x05;
                using var aes = Aes.Create();
                aes.Key = [|key|];
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
