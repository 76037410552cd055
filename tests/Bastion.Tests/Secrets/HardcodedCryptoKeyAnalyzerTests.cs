using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer, Bastion.CodeFixes.Secrets.HardcodedCryptoKeyCodeFix>;

namespace Bastion.Tests.Secrets;

public sealed class HardcodedCryptoKeyAnalyzerTests
{
    [Fact]
    public Task ConstantArrayAssignedToKeyAndIv_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes)
            {
                aes.Key = [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|];
                aes.IV = [|new byte[16] { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9 }|];
            }
        }
        """);

    /// <summary>A body is indexed up to 20,000 operations; past that a local's value is unknown, since a write after the
    /// bound was not seen. The filler is one array of that many elements, between the constant key and a write that
    /// replaces it: without the bound the rule would report the constant, which never reaches the sink. With a small
    /// filler the same local is followed and reported.</summary>
    [Theory]
    [InlineData(10, true, true)]
    [InlineData(10, false, false)]
    [InlineData(20_000, true, false)]
    [InlineData(20_000, false, false)]
    public Task LocalInABodyPastTheIndexBound_IsUnknown(int fillerElements, bool keyKept, bool reported)
    {
        var key = "new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }";
        return Verify.VerifyAsync($$"""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes, byte[] fromCaller)
                {
                    var key = {{key}};
                    int[] filler = { {{string.Join(", ", Enumerable.Repeat("0", fillerElements))}} };
                    {{(keyKept ? string.Empty : "key = fromCaller;")}}
                    aes.Key = {{(reported ? "[|key|]" : "key")}};
                }
            }
            """);
    }

    [Fact]
    public Task EncodedStringThroughALocal_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        using System.Text;
        class C
        {
            void M(SymmetricAlgorithm algorithm)
            {
                var k = Encoding.UTF8.GetBytes("0123456789abcdef");
                var copy = k;
                algorithm.Key = [|copy|];
            }
        }
        """);

    [Fact]
    public Task Base64AndHexConstants_Report() => Verify.VerifyAsync("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            ICryptoTransform A(Aes aes) => aes.CreateEncryptor([|Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODw==")|], [|Convert.FromHexString("000102030405060708090a0b0c0d0e0f")|]);
        }
        """);

    [Fact]
    public Task FieldUsedBySinksInSeveralMembers_ReportsEverySinkNamingTheField() =>
        Verify.Test("""
            using System.Security.Cryptography;
            class C
            {
                private static readonly byte[] Key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                void Encrypt(Aes aes) => aes.Key = [|Key|];
                void Decrypt(Aes aes) => aes.Key = [|Key|];
                void Sign(HMAC hmac) => hmac.Key = [|Key|];
            }
            """)
            .WithAssertion(d =>
            {
                // Every finding is on its own sink and names the array as its first additional location.
                Assert.Equal(new[] { 4, 5, 6 }, d.Select(f => f.Location.GetLineSpan().StartLinePosition.Line).OrderBy(l => l).ToArray());
                Assert.All(d, f => Assert.Equal(3, f.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line));
            })
            .RunAsync();

    [Fact]
    public Task FieldInAnotherFile_ReportsAtTheSinkWithTheOriginAsAdditionalLocation() =>
        Verify.Test("""
            using System.Security.Cryptography;
            class C
            {
                void Encrypt(Aes aes) => aes.Key = [|Keys.Master|];
            }
            """)
            .WithSource("""
            static class Keys
            {
                internal static readonly byte[] Master = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            }
            """, "Keys.cs")
            .WithAssertion(d => Assert.Contains(d.Single().AdditionalLocations, l => l.GetLineSpan().Path.EndsWith("Keys.cs", StringComparison.Ordinal)))
            .RunAsync();

    [Fact]
    public Task MethodReturningAConstant_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            private static byte[] LoadKey() => new byte[] { 4, 8, 15, 16, 23, 42, 4, 8, 15, 16, 23, 42, 4, 8, 15, 16 };
            HMAC M() => new HMACSHA256([|LoadKey()|]);
        }
        """);

    [Fact]
    public Task ConstantPassedThroughAChainOfMethods_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class Setup
        {
            void Start(Aes aes) => Configure(aes, [|new byte[] { 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 1, 2, 3 }|]);
            void Configure(Aes aes, byte[] key) => Apply(aes, key);
            void Apply(Aes aes, byte[] material) => Crypto.Use(aes, material);
        }
        static class Crypto
        {
            public static void Use(Aes aes, byte[] k) { aes.Key = k; }
        }
        """);

    [Fact]
    public Task ConstantTransformedInsideTheCallee_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        using System.Text;
        class C
        {
            void Configure(Aes aes, string passphrase) => aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(passphrase));
            void Start(Aes aes) => Configure(aes, [|"correct horse battery staple"|]);
        }
        """);

    [Fact]
    public Task AeadAndHmacConstructors_Report() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            object A() => new AesGcm([|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|], 16);
            object B() => new ChaCha20Poly1305([|"0123456789abcdef0123456789abcdef"u8.ToArray()|]);
            byte[] D(byte[] data) => HMACSHA256.HashData([|System.Text.Encoding.ASCII.GetBytes("signing-key-1234")|], data);
        }
        """);

    [Fact]
    public Task ConditionalOfTwoConstants_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes, bool legacy) => aes.Key = [|legacy ? new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 } : new byte[] { 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|];
        }
        """);

    [Fact]
    public Task RandomOrConfiguredKeys_DoNotReport() => Verify.VerifyAsync("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            void A(Aes aes) { aes.Key = RandomNumberGenerator.GetBytes(32); aes.GenerateIV(); }
            void B(Aes aes, string configured) => aes.Key = Convert.FromBase64String(configured);
        }
        """);

    [Fact]
    public Task ConstantKeyOnOnePath_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void D(Aes aes, bool legacy) => aes.Key = [|legacy ? new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 } : RandomNumberGenerator.GetBytes(16)|];

            void M(Aes aes, bool rotate)
            {
                var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                if (rotate)
                {
                    key = RandomNumberGenerator.GetBytes(16);
                }

                aes.Key = [|key|];
            }
        }
        """);

    [Fact]
    public Task LocalOverwrittenOnEveryPath_DoesNotReport() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes, bool rotate)
            {
                var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                if (rotate)
                {
                    key = RandomNumberGenerator.GetBytes(16);
                }
                else
                {
                    key = RandomNumberGenerator.GetBytes(32);
                }

                aes.Key = key;
            }

            void N(Aes aes)
            {
                byte[] key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                Refill(out key);
                aes.Key = key;
            }

            static void Refill(out byte[] key) => key = RandomNumberGenerator.GetBytes(16);
        }
        """);

    [Fact]
    public Task SeveralLocalsOfOneBody_AreEachDecidedByTheirOwnWrites() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        using System.Text;
        class C
        {
            void M(Aes first, Aes second, Aes third, string secret)
            {
                var fixedKey = Encoding.UTF8.GetBytes("0123456789abcdef");
                var rotated = Encoding.UTF8.GetBytes("fedcba9876543210");
                var fromCaller = Encoding.UTF8.GetBytes(secret);
                rotated = RandomNumberGenerator.GetBytes(16);
                first.Key = [|fixedKey|];
                second.Key = rotated;
                third.Key = fromCaller;
                void Local(Aes aes)
                {
                    var inner = fixedKey;
                    Refill(out inner);
                    aes.Key = [|inner|];
                }
            }

            static void Refill(out byte[] key) => key = RandomNumberGenerator.GetBytes(16);
        }
        """);

    [Fact]
    public Task ConstantArrayFilledAtRunTime_DoesNotReport() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void M(Aes aes)
            {
                var key = new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
                RandomNumberGenerator.Fill(key);
                aes.Key = key;
            }

            void N(Aes aes)
            {
                var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                key[0] ^= 0x5a;
                aes.Key = key;
            }
        }
        """);

    [Fact]
    public Task ConstantArrayOnlyReadByTheSink_Reports() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            ICryptoTransform M(Aes aes)
            {
                var key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                var iv = new byte[] { 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
                return aes.CreateEncryptor([|key|], [|iv|]);
            }
        }
        """);

    [Fact]
    public Task NonConstantArgumentAtTheCall_DoesNotReport() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class Setup
        {
            void Start(Aes aes, byte[] fromVault) => Configure(aes, fromVault);
            void Configure(Aes aes, byte[] key) => aes.Key = key;
        }
        """);

    [Fact]
    public Task MutableNonPrivateField_DoesNotReport() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        public class C
        {
            public byte[] Key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            void Encrypt(Aes aes) => aes.Key = Key;
        }
        """);

    [Fact]
    public Task RecursiveMethods_AreHandled() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void A(Aes aes, byte[] key, int n) { if (n > 0) { B(aes, key, n - 1); } else { aes.Key = key; } }
            void B(Aes aes, byte[] key, int n) => A(aes, key, n);
            void Start(Aes aes) => A(aes, [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|], 3);
        }
        """);

    // The calls below are decided at compilation end in a command-line build (DeferredConstantCalls), from what each
    // body recorded; the harness runs every test both ways and requires the same diagnostics, messages and locations.

    /// <summary>A constant key passed down a chain of <paramref name="methods"/> methods, the last of which sets it.</summary>
    private static string Chain(int methods, bool reported)
    {
        var key = "new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }";
        var source = new System.Text.StringBuilder("using System.Security.Cryptography;\nclass C\n{\n");
        source.Append("    void Start(Aes aes) => M0(aes, ").Append(reported ? "[|" + key + "|]" : key).Append(");\n");
        for (var i = 0; i < methods - 1; i++)
        {
            source.Append("    void M").Append(i).Append("(Aes aes, byte[] key) => M").Append(i + 1).Append("(aes, key);\n");
        }

        return source.Append("    void M").Append(methods - 1).Append("(Aes aes, byte[] key) => aes.Key = key;\n}\n").ToString();
    }

    [Fact]
    public Task ConstantPassedThroughEightMethods_ReportsAtTheCall() => Verify.VerifyAsync(Chain(8, reported: true));

    [Fact]
    public Task ConstantPassedThroughNineMethods_IsBeyondTheDepthBound() => Verify.VerifyAsync(Chain(9, reported: false));

    [Fact]
    public Task ParameterReachingTwoSinks_NamesTheFirstInTheBody() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void Use(Aes first, Aes second, byte[] key)
            {
                Keys.Set(first, key);
                second.Key = key;
            }
            void Start(Aes a, Aes b) => Use(a, b, [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|]);
        }
        static class Keys
        {
            public static void Set(Aes aes, byte[] material) => aes.IV = material;
        }
        """);

    [Fact]
    public Task CalleeReachingTwoSinks_TheCallerNamesTheCalleesFirst() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class C
        {
            void Start(Aes aes) => Outer(aes, [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|]);
            void Outer(Aes aes, byte[] material) => Middle(aes, material);
            void Middle(Aes aes, byte[] material)
            {
                Inner(aes, material);
                aes.IV = material;
            }
            void Inner(Aes aes, byte[] material) => aes.Key = material;
        }
        """);

    [Fact]
    public Task ParameterPassedOnThroughALocalAndATransformer_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        using System.Text;
        class C
        {
            void Start(Aes aes) => Configure(aes, [|"correct horse battery staple"|]);
            void Configure(Aes aes, string passphrase)
            {
                var material = Encoding.UTF8.GetBytes(passphrase);
                Apply(aes, material);
            }
            void Apply(Aes aes, byte[] bytes) => Keys.Set(aes, bytes);
        }
        static class Keys
        {
            public static void Set(Aes aes, byte[] key) { aes.Key = key; }
        }
        """);

    [Fact]
    public Task ParameterPassedToALocalFunctionOrALambda_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            void ThroughLocal(Aes aes, byte[] key)
            {
                Apply(key);
                void Apply(byte[] material) => aes.Key = material;
            }
            void ThroughLambda(Aes aes, byte[] key)
            {
                Action apply = () => aes.Key = key;
                apply();
            }
            void Start(Aes aes)
            {
                ThroughLocal(aes, [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|]);
                ThroughLambda(aes, [|new byte[] { 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }|]);
            }
        }
        """);

    [Fact]
    public Task ConstantPassedToAMethodOfAGenericType_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System.Security.Cryptography;
        class Box<T>
        {
            public void Use(Aes aes, byte[] key) => aes.Key = key;
        }
        class C
        {
            void Start(Aes aes) => new Box<int>().Use(aes, [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|]);
        }
        """);

    [Fact]
    public Task TestProject_DoesNotReportByDefault() =>
        Verify.Test("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes) => aes.Key = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task TestProject_ReportsWhenEnabled() =>
        Verify.Test("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes) => aes.Key = [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|];
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true\nbastion.BST1006.report_in_test_projects = true")
            .RunAsync();

    [Fact]
    public Task Message_NamesTheRoleAndTheApiAndMasksStrings() =>
        Verify.Test("""
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes) => aes.IV = [|Encoding.UTF8.GetBytes("fixed-iv-1234567")|];
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "A hard-coded value (GetBytes of a constant, *** (16 characters)) is used as the IV of Aes.IV; load keys from a key store or configuration",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Fix_ReadsTheKeyAsBase64() => VerifyFix.VerifyFixAsync(
        """
        using System;
        using System.Security.Cryptography;
        class C
        {
            private static readonly byte[] MasterKey = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            void M(Aes aes) { aes.Key = [|MasterKey|]; aes.IV = [|new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|]; }
        }
        """,
        """
        using System;
        using System.Security.Cryptography;
        class C
        {
            private static byte[] MasterKey => Convert.FromBase64String(Environment.GetEnvironmentVariable("MASTER_KEY") ?? throw new InvalidOperationException("Environment variable 'MASTER_KEY' is not set."));
            void M(Aes aes) { aes.Key = MasterKey; aes.IV = Convert.FromBase64String(Environment.GetEnvironmentVariable("ENCRYPTION_IV") ?? throw new InvalidOperationException("Environment variable 'ENCRYPTION_IV' is not set.")); }
        }
        """);
}
