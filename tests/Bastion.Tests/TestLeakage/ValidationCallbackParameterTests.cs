using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.TestLeakage.CertificateValidationDisabledAnalyzer>;

namespace Bastion.Tests.TestLeakage;

/// <summary>A trust-all callback handed to your own code: a constructor or method parameter typed as a certificate
/// validation callback (<c>RemoteCertificateValidationCallback</c>, or the handler's <c>Func&lt;…, SslPolicyErrors,
/// bool&gt;</c>) says what the callback is for, wherever the callee stores it. Reported at the argument.</summary>
public sealed class ValidationCallbackParameterTests
{
    private const string Factory = """

        public sealed class ClientFactory
        {
            private readonly Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> validator;

            public ClientFactory(Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> validator) => this.validator = validator;

            public HttpClient Create() => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = validator });

            public static HttpClient Build(RemoteCertificateValidationCallback callback) =>
                new(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = callback } });

            public static bool Any(Func<string, bool> predicate) => predicate("x");
        }
        """;

    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        """;

    [Fact]
    public Task AcceptAll_GivenToAValidationCallbackParameter_Reports() => Verify.Test(Usings + """
        public static class Clients
        {
            public static HttpClient A() => new ClientFactory([|(message, certificate, chain, errors) => true|]).Create();

            public static HttpClient B() => ClientFactory.Build([|(sender, certificate, chain, errors) => true|]);

            public static HttpClient C()
            {
                RemoteCertificateValidationCallback trustAll = (sender, certificate, chain, errors) => true;
                return ClientFactory.Build([|trustAll|]);
            }
        }
        """ + Factory)
        .WithAssertion(d => Assert.Equal(
            "The validation callback given to ClientFactory.Build as 'callback' accepts any server certificate; remove it so that the default validation applies",
            d.OrderBy(x => x.Location.SourceSpan.Start).ElementAt(1).GetMessage()))
        .RunAsync();

    [Fact]
    public Task ValidatingCallbacksAndOtherDelegates_DoNotReport() => Verify.VerifyAsync(Usings + """
        public static class Clients
        {
            public static HttpClient A() => new ClientFactory((message, certificate, chain, errors) => errors == SslPolicyErrors.None).Create();

            public static HttpClient B() => ClientFactory.Build((sender, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || certificate?.GetCertHashString() == "3F2A9C0D7E51B8A64C2D9E0F1A3B5C7D9E1F2A4B");

            public static bool C() => ClientFactory.Any(value => true);
        }
        """ + Factory);
}
