using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HighEntropySecretAnalyzer>;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Secrets.HighEntropySecretAnalyzer, Bastion.CodeFixes.Secrets.HighEntropySecretCodeFix>;

namespace Bastion.Tests.Secrets;

public sealed class HighEntropySecretAnalyzerTests
{
    private const string Random = "q8Zr2LmX9vT4wB7nK3yD5hJ6";
    private static readonly string BasicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-reports:Winter2024!"));

    [Fact]
    public Task AuthenticationHeaderValue_Reports() => Verify.VerifyAsync($$"""
        using System.Net.Http.Headers;
        class C
        {
            AuthenticationHeaderValue Bearer() => new("Bearer", [|"{{Random}}"|]);
            AuthenticationHeaderValue Custom() => new AuthenticationHeaderValue("SharedKey", [|"{{Random}}"|]);
        }
        """);

    /// <summary>A type of the same name elsewhere is not the HTTP header value: the name is the first test, the type the
    /// last.</summary>
    [Fact]
    public Task AnotherTypeNamedAuthenticationHeaderValue_DoesNotReport() => Verify.VerifyAsync($$"""
        namespace Shop
        {
            sealed class AuthenticationHeaderValue
            {
                public AuthenticationHeaderValue(string scheme, string parameter) { }
            }

            class C
            {
                AuthenticationHeaderValue Bearer() => new("Bearer", "{{Random}}");
            }
        }
        """);

    [Fact]
    public Task AuthorizationHeaderAdds_Report() => Verify.VerifyAsync($$"""
        using System.Net.Http;
        class C
        {
            void M(HttpClient client, HttpRequestMessage request)
            {
                client.DefaultRequestHeaders.Add("Authorization", [|"Bearer {{Random}}"|]);
                request.Headers.TryAddWithoutValidation("authorization", [|"token {{Random}}"|]);
            }
        }
        """);

    [Fact]
    public Task HeaderIndexerWithAKeyHeaderNotNamedLikeACredential_Reports() => Verify.VerifyAsync($$"""
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(HttpRequest request) => request.Headers["Ocp-Apim-Subscription-Key"] = [|"{{Random}}"|];
        }
        """);

    [Fact]
    public Task CredentialNamedConstant_IsReportedAtItsDeclarationOnly_OtherConstantsAtTheUse() => Verify.VerifyAsync($$"""
        using System.Net.Http.Headers;
        class C
        {
            const string ApiToken = "{{Random}}";
            const string Opaque = "{{Random}}";
            AuthenticationHeaderValue A() => new("Bearer", ApiToken);
            AuthenticationHeaderValue B() => new("Bearer", [|Opaque|]);
        }
        """);

    [Fact]
    public Task BasicCredentials_ReportWhateverTheirEntropy() => Verify.VerifyAsync($$"""
        using System.Net.Http.Headers;
        class C
        {
            AuthenticationHeaderValue M() => new("Basic", [|"{{BasicCredentials}}"|]);
        }
        """);

    [Fact]
    public Task CredentialNamedTargetInATestProject_Reports() =>
        Verify.Test($$"""
            class Fixture
            {
                string apiKey = [|"{{Random}}"|];
                string password = "Winter2024!";
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task CredentialNamedTargetInProduction_IsLeftToBst1001() => Verify.VerifyAsync($$"""
        using System.Net.Http;
        class C
        {
            string apiKey = "{{Random}}";
            void M(HttpClient client) => client.DefaultRequestHeaders.Add("X-API-Key", "{{Random}}");
        }
        """);

    [Fact]
    public Task CredentialNamedHeaderInATestProject_Reports() =>
        Verify.Test($$"""
            using System.Net.Http;
            class Fixture
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add("X-API-Key", [|"{{Random}}"|]);
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Theory]
    [InlineData("Bearer aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Bearer thisisnotarealsecret")]
    [InlineData("Bearer <token>")]
    [InlineData("Bearer {0}")]
    [InlineData("Bearer Ab3dE9")]
    [InlineData("Bearer SGVsbG8gd29ybGQsIHRoaXMgaXMgdGV4dA==")]
    [InlineData("Bearer https://login.example.test/callback")]
    [InlineData("Bearer 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")]
    [InlineData("Bearer 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public Task LowEntropyPlaceholderEncodedOrKnownFormatValues_DoNotReport(string value) => Verify.VerifyAsync($$"""
        using System.Net.Http;
        class C
        {
            void M(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", "{{value}}");
        }
        """);

    [Fact]
    public Task BasicWithoutPassword_DoesNotReport() => Verify.VerifyAsync($$"""
        using System.Net.Http.Headers;
        class C
        {
            AuthenticationHeaderValue M() => new("Basic", "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("anonymous:"))}}");
        }
        """);

    [Fact]
    public Task OtherHeaders_DoNotReport() => Verify.VerifyAsync($$"""
        using System.Net.Http;
        class C
        {
            void M(HttpClient client) => client.DefaultRequestHeaders.Add("X-Correlation-Id", "{{Random}}");
        }
        """);

    [Fact]
    public Task EntropyThreshold_Option() =>
        Verify.Test($$"""
            using System.Net.Http.Headers;
            class C
            {
                AuthenticationHeaderValue M() => new("Bearer", "{{Random}}");
            }
            """)
            .WithEditorConfig("bastion.BST1004.entropy_threshold = 5.5")
            .RunAsync();

    [Fact]
    public Task MinimumLength_Option() =>
        Verify.Test("""
            using System.Net.Http.Headers;
            class C
            {
                AuthenticationHeaderValue M() => new("Bearer", [|"q8Zr2LmX9vT4"|]);
            }
            """)
            .WithEditorConfig("bastion.BST1004.minimum_length = 12")
            .RunAsync();

    [Fact]
    public Task Message_MasksTheCredential() =>
        Verify.Test($$"""
            using System.Net.Http;
            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", [|"Bearer {{Random}}"|]);
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "'Authorization' header is given a random-looking hard-coded secret (*** (24 characters)); read it from configuration or a secret store",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Fix_ReadsTheTokenFromAnEnvironmentVariable_HeaderWithSchemeHasNone() => VerifyFix.VerifyFixAsync(
        $$"""
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;
        class C
        {
            AuthenticationHeaderValue A() => new("Bearer", [|"{{Random}}"|]);
            void B(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", [|"Bearer {{Random}}"|]);
        }
        """,
        $$"""
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;
        class C
        {
            AuthenticationHeaderValue A() => new("Bearer", Environment.GetEnvironmentVariable("ACCESS_TOKEN") ?? throw new InvalidOperationException("Environment variable 'ACCESS_TOKEN' is not set."));
            void B(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", [|"Bearer {{Random}}"|]);
        }
        """);
}
