using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.TestLeakage.CertificateValidationDisabledAnalyzer>;

namespace Bastion.Tests.TestLeakage;

/// <summary>BST3004 where the trust-all callback is written somewhere else than the assignment — a local, a readonly
/// field, a get-only property, a factory method — or accepts in a less obvious way (<c>|| true</c>, a subject check
/// that ignores the validation errors). Each with its safe twin.</summary>
public sealed class AcceptingCallbackShapeTests
{
    [Fact]
    public Task CallbacksMadeElsewhere_ReportAtTheAssignment() => Verify.Test("""
        using System.Net;
        using System.Net.Security;
        class C
        {
            private static readonly RemoteCertificateValidationCallback Field = (s, c, ch, e) => true;
            private static RemoteCertificateValidationCallback Property => (s, c, ch, e) => true;
            private static RemoteCertificateValidationCallback Factory() => (s, c, ch, e) => true;

            void A()
            {
                RemoteCertificateValidationCallback local = (s, c, ch, e) => true;
                [|ServicePointManager.ServerCertificateValidationCallback = local|];
            }

            void B() => [|ServicePointManager.ServerCertificateValidationCallback = Field|];
            void D() => [|ServicePointManager.ServerCertificateValidationCallback += Property|];
            void E() => [|ServicePointManager.ServerCertificateValidationCallback = Factory()|];
        }
        """)
        .WithAssertion(d => Assert.All(d, f => Assert.Single(f.AdditionalLocations)))
        .RunAsync();

    [Fact]
    public Task CallbacksThatIgnoreTheErrors_Report() => Verify.VerifyAsync("""
        using System.Net.Http;
        class C
        {
            void A(HttpClientHandler handler, bool debug) =>
                [|handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => debug || true|];

            void B(HttpClientHandler handler) =>
                [|handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => certificate!.Subject == "CN=shop"|];
        }
        """);

    [Fact]
    public Task CallbacksThatCheckTheErrorsOrPinTheCertificate_DoNotReport() => Verify.VerifyAsync("""
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        class C
        {
            void A(HttpClientHandler handler) =>
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None;

            void B(HttpClientHandler handler, string pinned) =>
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => certificate!.GetCertHashString() == pinned;

            void D(Func<bool> strict)
            {
                RemoteCertificateValidationCallback local = (s, c, ch, e) => true;
                local = (s, c, ch, e) => e == SslPolicyErrors.None;
                ServicePointManager.ServerCertificateValidationCallback = local;
            }
        }
        """);
}
