using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Exposure.SecurityFailureSwallowedAnalyzer>;

namespace Bastion.Tests.Exposure;

public sealed class SecurityFailureSwallowedAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task SecurityExceptionsSwallowed_Report() => Verify("""
        using System;
        using System.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography;
        class C
        {
            byte[] Decrypt(Aes aes, byte[] data)
            {
                try { return aes.DecryptCbc(data, new byte[16]); }
                [|catch|] (CryptographicException) { }
                try { Demand(); }
                [|catch|] (SecurityException) { return Array.Empty<byte>(); }
                try { Demand(); }
                [|catch|] (UnauthorizedAccessException e) { Console.Beep(); }
                try { Demand(); }
                [|catch|] (AuthenticationException) { return null!; }
                return data;
            }

            void Demand() { }
        }
        """);

    [Fact]
    public Task GeneralCatchAroundSecurityWork_Reports() => Verify("""
        using System;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        class C
        {
            bool Check(RSA rsa, byte[] data, byte[] signature, X509Chain chain, X509Certificate2 certificate)
            {
                try { rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1); }
                [|catch|] (Exception) { }
                try { chain.Build(certificate); }
                [|catch|] { }
                try { ValidateToken("t"); }
                [|catch|] (Exception) { }
                return true;
            }

            void ValidateToken(string token) { }
        }
        """);

    [Fact]
    public Task OwnVerificationMethodsFailingOpen_Report() => Verify("""
        using System;
        class C
        {
            bool A(string user, string password)
            {
                var authenticated = false;
                try { authenticated = CheckCredentials(user, password); }
                [|catch|] (Exception) { authenticated = true; }
                return authenticated;
            }

            bool B(string token)
            {
                try { Authorize(token); }
                [|catch|] (Exception) { }
                return true;
            }

            bool CheckCredentials(string user, string password) => user.Length > 0 && password.Length > 8;
            void Authorize(string token) { }
        }
        """);

    [Fact]
    public Task CatchesThatFailClosed_DoNotReport() => Verify("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            bool A(string user, string password)
            {
                try { return CheckCredentials(user, password); }
                catch (Exception) { return false; }
            }

            bool B(Aes aes, byte[] data)
            {
                try { aes.DecryptCbc(data, new byte[16]); return true; }
                catch (CryptographicException) { return false; }
            }

            string D(string token)
            {
                try { return IsAuthorized(token) ? "ok" : Unauthorized(); }
                catch (Exception) { return Unauthorized(); }
            }

            bool CheckCredentials(string user, string password) => user.Length > 0 && password.Length > 8;
            bool IsAuthorized(string token) => token.Length > 3;
            static string Unauthorized() => "401";
        }
        """);

    [Fact]
    public Task FailingOpen_ReportsEvenWhenLogged() => Verifier.Test("""
        using System;
        using System.Security.Cryptography;
        using Microsoft.Extensions.Logging;
        class C
        {
            bool valid;
            bool Verify(ILogger logger, ECDsa key, byte[] data, byte[] signature)
            {
                try { return key.VerifyData(data, signature, HashAlgorithmName.SHA256); }
                [|catch|] (CryptographicException ex) { logger.LogWarning(ex, "Bad signature"); return true; }
            }

            void Check(ECDsa key, byte[] data, byte[] signature)
            {
                try { valid = key.VerifyData(data, signature, HashAlgorithmName.SHA256); }
                [|catch|] (Exception) { valid = true; }
            }
        }
        """).WithAssertion(diagnostics =>
        {
            Assert.Equal(2, diagnostics.Length);
            Assert.All(diagnostics, d => Assert.Contains("is turned into success by this catch", d.GetMessage(), System.StringComparison.Ordinal));
            Assert.All(diagnostics, d => Assert.Equal("open", d.Properties["Kind"]));
        }).RunAsync();

    [Fact]
    public Task LoggedRethrownOrUnrelated_DoNotReport() => Verify("""
        using System;
        using System.IO;
        using System.Security;
        using System.Security.Cryptography;
        using Microsoft.Extensions.Logging;
        class C
        {
            byte[] M(ILogger logger, Aes aes, byte[] data)
            {
                try { return aes.DecryptCbc(data, new byte[16]); }
                catch (CryptographicException ex) { logger.LogWarning(ex, "Decryption failed"); return Array.Empty<byte>(); }
            }

            void N()
            {
                try { Demand(); }
                catch (SecurityException) { throw; }
                try { Demand(); }
                catch (SecurityException e) { throw new InvalidOperationException("denied", e); }
                try { File.ReadAllText("x"); }
                catch (IOException) { }
                try { File.Delete("x"); }
                catch (UnauthorizedAccessException) { }
                try { Demand(); }
                catch (Exception) { }
                try { Demand(); }
                catch (SecurityException e) { System.Diagnostics.Trace.TraceWarning("denied: " + e.Message); }
            }

            void Demand() { }
        }
        """);

    [Fact]
    public Task Message_NamesTheFailure() => Verifier.Test("""
        using System;
        using System.Security.Cryptography;
        class C
        {
            void M(RSA rsa, byte[] data, byte[] signature)
            {
                try { rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1); }
                [|catch|] (Exception) { }
            }
        }
        """).WithAssertion(diagnostics => Assert.Equal(
            "A failure of RSA.VerifyData is swallowed: this catch neither logs nor rethrows it; rethrow it, or log it and fail closed",
            Assert.Single(diagnostics).GetMessage())).RunAsync();

    [Fact]
    public Task TestProjects_AreSkipped() => Verifier.Test("""
        using System.Security;
        class C { void M() { try { } catch (SecurityException) { } } }
        """).WithGlobalConfig("build_property.IsTestProject = true").RunAsync();
}
