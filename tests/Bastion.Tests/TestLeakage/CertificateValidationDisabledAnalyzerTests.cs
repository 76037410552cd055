using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.TestLeakage.CertificateValidationDisabledAnalyzer>;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.TestLeakage.CertificateValidationDisabledAnalyzer, Bastion.CodeFixes.TestLeakage.CertificateValidationDisabledCodeFix>;

namespace Bastion.Tests.TestLeakage;

public sealed class CertificateValidationDisabledAnalyzerTests
{
    [Fact]
    public Task AlwaysTrueCallbacks_Report() => Verify.VerifyAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler { [|ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|] };

            void B(HttpClientHandler handler)
            {
                [|handler.ServerCertificateCustomValidationCallback = delegate { return true; }|];
                [|ServicePointManager.ServerCertificateValidationCallback += (sender, certificate, chain, errors) => true|];
            }

            void D(SocketsHttpHandler handler) => [|handler.SslOptions.RemoteCertificateValidationCallback = AcceptAll|];

            static bool AcceptAll(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors)
            {
                System.Console.WriteLine("accepting " + errors);
                return true;
            }
        }
        """);

    [Fact]
    public Task DangerousAcceptAnyValidatorAndSslStream_Report() => Verify.VerifyAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Net.Security;
        class C
        {
            void A(HttpClientHandler handler) => [|handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
            SslStream B(Stream inner) => new SslStream(inner, false, [|(s, c, ch, e) => true|]);
        }
        """);

    [Fact]
    public Task X509CertificateValidationModeNone_Reports() => Verify.VerifyAsync("""
        namespace System.ServiceModel.Security
        {
            public enum X509CertificateValidationMode { None, PeerTrust, ChainTrust }
            public sealed class X509ServiceCertificateAuthentication { public X509CertificateValidationMode CertificateValidationMode { get; set; } }
        }

        class C
        {
            void M(System.ServiceModel.Security.X509ServiceCertificateAuthentication authentication)
            {
                [|authentication.CertificateValidationMode = System.ServiceModel.Security.X509CertificateValidationMode.None|];
                authentication.CertificateValidationMode = System.ServiceModel.Security.X509CertificateValidationMode.ChainTrust;
            }
        }
        """);

    [Fact]
    public Task RealValidation_DoesNotReport() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Security;
        class C
        {
            HttpClientHandler A(string thumbprint) => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    errors == SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint,
            };

            HttpClientHandler B() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    System.Func<bool> nested = () => true;
                    return errors == SslPolicyErrors.None;
                },
            };
        }
        """);

    [Fact]
    public Task DevelopmentOnly_DoesNotReport() => Verify.Test("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        using System.Net.Http;
        class C
        {
            void A(WebApplicationBuilder builder, HttpClientHandler handler)
            {
                if (builder.Environment.IsDevelopment())
                {
                    handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;
                }
        #if DEBUG
                handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;
        #endif
            }
        }
        """).WithPreprocessorSymbols("DEBUG").RunAsync();

    [Fact]
    public Task NegatedDevelopmentCheck_IsNoGuard() => Verify.VerifyAsync("""
        using Microsoft.Extensions.Hosting;
        using System.Net.Http;
        class C
        {
            void A(IHostEnvironment env, HttpClientHandler handler)
            {
                if (!env.IsDevelopment())
                {
                    [|handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|];
                }
            }
        }
        """);

    [Fact]
    public Task AllowInDevelopmentFalse_ReportsEvenWhenGuarded() =>
        Verify.Test("""
            using Microsoft.Extensions.Hosting;
            using System.Net.Http;
            class C
            {
                void A(IHostEnvironment env, HttpClientHandler handler)
                {
                    if (env.IsDevelopment())
                    {
                        [|handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|];
                    }
                }
            }
            """)
            .WithEditorConfig("bastion.BST3004.allow_in_development = false")
            .RunAsync();

    [Fact]
    public Task Message_NamesTheSetting() =>
        Verify.Test("""
            using System.Net.Http;
            class C
            {
                void A(HttpClientHandler handler) => [|handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|];
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "HttpClientHandler.ServerCertificateCustomValidationCallback accepts any server certificate; remove it so that the default validation applies",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Fix_RemovesTheOverride_FixAll() => VerifyFix.VerifyFixAsync(
        """
        using System.Net;
        using System.Net.Http;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler
            {
                UseCookies = false,
                [|ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|],
            };

            void B(HttpClientHandler handler)
            {
                handler.UseProxy = false;
                // Temporary, until the staging certificate is renewed.
                [|handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
                handler.MaxConnectionsPerServer = 4;
            }
        }
        """,
        """
        using System.Net;
        using System.Net.Http;
        class C
        {
            HttpClientHandler A() => new HttpClientHandler
            {
                UseCookies = false,
            };

            void B(HttpClientHandler handler)
            {
                handler.UseProxy = false;
                handler.MaxConnectionsPerServer = 4;
            }
        }
        """);
}
