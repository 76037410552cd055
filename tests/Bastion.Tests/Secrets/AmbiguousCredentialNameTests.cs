using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer>;

namespace Bastion.Tests.Secrets;

/// <summary><c>token</c>, <c>secret</c>, <c>auth</c> and <c>bearer</c> name ordinary things as often as credentials (a
/// parser's token, a section marker, an auth scheme): given such a name alone, a value is reported only when it looks
/// like a secret. A word before them that says which credential (<c>accessToken</c>, <c>clientSecret</c>) and the
/// unambiguous words (<c>password</c>, <c>apiKey</c>) keep name-only reporting.</summary>
public sealed class AmbiguousCredentialNameTests
{
    [Fact]
    public Task AmbiguousNames_WithWordValues_AreNotReported() => Verify.VerifyAsync("""
        sealed record Rule(string token, int weight);

        class Parser
        {
            const string EndToken = "EndGlobalSection";
            string secret = "Bearer";
            string auth = "Negotiate";
            string bearer = "Authorization";
            Rule[] rules = { new Rule(token: "hdtv", weight: 2), new Rule(token: "web-dl", weight: 1) };

            bool IsKeyword(string token) => token == "while" || token.Equals("foreach");
        }
        """);

    [Fact]
    public Task AmbiguousNames_WithSecretLookingValues_AreReported() => Verify.VerifyAsync("""
        class Client
        {
            string auth = [|"cmFuZG9tYXV0aHZhbHVlMTIzNDU2Nzg5"|];
            string x_auth = [|"A7f9Kq2LmZ8xR4tW"|];
            string bearer = [|"eyJhbGciOi8fQ2kLmX9pR4sW8zK3nB6c"|];
            string token = [|"Zq8Lm2Xv9Tr4Wb7Nk3Yd5Hj6"|];
            string secret = [|"s3cr3tv@lu3"|];

            bool IsAdmin(string token) => token == [|"dbg-7Hq2-xK9w"|];
        }
        """);

    [Fact]
    public Task AmbiguousWord_AfterACredentialWord_IsReportedByName() => Verify.VerifyAsync("""
        class Client
        {
            string accessToken = [|"letmein-please"|];
            string clientSecret = [|"opensesame"|];
            string authToken = [|"hunter-two"|];
            const string JwtSecretKey = [|"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes"|];
        }
        """);
}
