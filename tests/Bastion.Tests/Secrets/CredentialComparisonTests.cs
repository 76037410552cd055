using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer>;

namespace Bastion.Tests.Secrets;

/// <summary>BST1001 on a credential-named value checked against a literal, in every form C# has for the check: a
/// hard-coded credential check is a backdoor. The safe twins compare with configured values or non-credentials.</summary>
public sealed class CredentialComparisonTests
{
    [Fact]
    public Task EqualsCallsCasesAndPatterns_Report() => Verify.VerifyAsync("""
        using System;
        class C
        {
            bool A(string pwd) => pwd.Equals([|"S3cretPass!"|]);
            bool B(string token) => string.Equals(token, [|"tok_5f2a9c81aa"|]);
            bool D(string password) => string.Equals([|"Winter2024!"|], password, StringComparison.Ordinal);
            bool E(string password) => password is [|"Summer2024!"|];

            bool F(string password)
            {
                switch (password)
                {
                    case [|"Autumn2024!"|]:
                        return true;
                    default:
                        return false;
                }
            }

            int G(string apiKey) => apiKey switch { [|"k3y-9f8e7d6c5b4a"|] => 1, _ => 0 };
        }
        """);

    [Fact]
    public Task ComparisonsWithConfiguredValuesOrOfOtherNames_DoNotReport() => Verify.VerifyAsync("""
        using System;
        class C
        {
            bool A(string pwd, string expected) => pwd.Equals(expected);
            bool B(string mode) => string.Equals(mode, "Winter2024!");
            bool D(string password) => password is null or "";
            int E(string kind) => kind switch { "k3y-9f8e7d6c5b4a" => 1, _ => 0 };
            bool F(string password) => password.Equals(Environment.GetEnvironmentVariable("ADMIN_PASSWORD"));
        }
        """);

    [Fact]
    public Task LongPassphrasesAreSecrets_TemplatesAndKeyNamesAreNot() => Verify.VerifyAsync("""
        class C
        {
            const string JWT_SECRET_KEY = [|"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes"|];
            string signingSecret = [|"MySuperSecretSigningKeyForTheShopApi"|];
            string secret = "your-secret-here";
            string apiKey = "ApiKey";
            string clientSecret = "secret-here";
            string tokenKey = "Jwt:SigningKey";
        }
        """);
}
