using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>;

namespace Bastion.Tests.Secrets;

/// <summary>A JWT signing key is a cryptographic key: <c>new SymmetricSecurityKey(bytes)</c> of the IdentityModel package
/// (resolved by metadata, as it lives in a package) is a BST1006 sink, whether the bytes come from a literal, a constant
/// field or a helper; a key read from configuration is not.</summary>
public sealed class JwtSigningKeyTests
{
    private static Infrastructure.BastionTest Test(string source) => Verify.Test(source).WithReferences(typeof(SymmetricSecurityKey));

    [Fact]
    public Task SymmetricSecurityKey_FromAConstant_Reports() => Test("""
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class Tokens
        {
            private const string JWT_SECRET_KEY = "SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes";

            public static SigningCredentials Signing() =>
                new(new SymmetricSecurityKey([|Encoding.UTF8.GetBytes(JWT_SECRET_KEY)|]), SecurityAlgorithms.HmacSha256);

            public static TokenValidationParameters Validation() => new()
            {
                IssuerSigningKey = new SymmetricSecurityKey([|Encoding.ASCII.GetBytes("an-inline-signing-key-of-32-bytes!")|]),
            };
        }
        """).RunAsync();

    [Fact]
    public Task SymmetricSecurityKey_ThroughAHelper_ReportsAtTheCall() => Test("""
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class Tokens
        {
            public static SecurityKey Key() => Create([|"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes"|]);

            private static SecurityKey Create(string secret) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        }
        """).RunAsync();

    [Fact]
    public Task SymmetricSecurityKey_FromConfiguration_DoesNotReport() => Test("""
        using System;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class Tokens
        {
            public static SecurityKey Key(Func<string, string?> settings) =>
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings("Jwt:Key") ?? throw new InvalidOperationException("Jwt:Key is not set.")));

            public static SecurityKey Random()
            {
                var bytes = new byte[32];
                System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
                return new SymmetricSecurityKey(bytes);
            }
        }
        """).RunAsync();
}
