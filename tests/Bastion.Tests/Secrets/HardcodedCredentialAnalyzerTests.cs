using System;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Analyzers.Secrets;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer>;

namespace Bastion.Tests.Secrets;

public sealed class HardcodedCredentialAnalyzerTests
{
    [Fact]
    public Task FieldWithLiteral_Reports() => Verify.VerifyAsync("""
        class C
        {
            private string password = [|"Tr0ub4dor&3"|];
        }
        """);

    [Fact]
    public Task ConstField_Reports() => Verify.VerifyAsync("""
        class C
        {
            public const string ApiKey = [|"k3y-9f8e7d6c5b4a"|];
        }
        """);

    [Fact]
    public Task StaticReadonlyFieldWithConcatenation_Reports() => Verify.VerifyAsync("""
        class C
        {
            private static readonly string ClientSecret = [|"abc" + "def123"|];
        }
        """);

    [Fact]
    public Task InterpolationOfConstants_Reports() => Verify.VerifyAsync("""
        class C
        {
            private const string Prefix = "pre";
            private const string DbPassword = [|$"{Prefix}-s3cr3t"|];
        }
        """);

    [Fact]
    public Task LocalVariable_Reports() => Verify.VerifyAsync("""
        class C
        {
            void M()
            {
                var adminPwd = [|"letmein!"|];
                const string passphrase = [|"correct horse battery staple"|];
            }
        }
        """);

    [Fact]
    public Task Assignment_Reports() => Verify.VerifyAsync("""
        class C
        {
            string? AccessToken { get; set; }

            void M()
            {
                AccessToken = [|"tok_5f2a9c81"|];
            }
        }
        """);

    [Fact]
    public Task PropertyInitializerAndExpressionBody_Report() => Verify.VerifyAsync("""
        class C
        {
            public string SmtpPassword { get; } = [|"mail-pass-77"|];
            public string PrivateKey => [|"pk-91hJ3lQ7-x"|];
            public string AuthToken { get { return [|"abcdef123456"|]; } }
            string GetApiKey() => [|"ak_99887766"|];
        }
        """);

    [Fact]
    public Task ParameterDefault_Reports() => Verify.VerifyAsync("""
        class C
        {
            void Connect(string user, string password = [|"hunter22"|]) { }
        }
        """);

    [Fact]
    public Task ArgumentToCredentialParameter_ReportsNamedAndPositional() => Verify.VerifyAsync("""
        class C
        {
            void Login(string user, string password) { }

            void M()
            {
                Login("admin", [|"s3cret!!"|]);
                Login(user: "admin", password: [|"s3cret!!"|]);
            }
        }
        """);

    [Fact]
    public Task ArgumentsOfConstructorsIndexersAndInitializers_Report() => Verify.VerifyAsync("""
        class Login
        {
            public Login(string user, string password) { }
        }
        class Vault
        {
            public string this[string password] => "";
        }
        class Service : Login
        {
            public Service() : base("svc", [|"Base!Pass2024"|]) { }

            string M(Vault vault)
            {
                _ = new Login("admin", [|"Create!Pass2024"|]);
                return vault[[|"Index!Pass2024"|]];
            }
        }
        """);

    [Fact]
    public Task NetworkCredential_Reports() => Verify.VerifyAsync("""
        using System.Net;
        class C
        {
            ICredentials Get() => new NetworkCredential("svc-backup", [|"B4ckup!2024"|]);
        }
        """);

    [Fact]
    public Task ObjectAndAnonymousInitializers_Report() => Verify.VerifyAsync("""
        class Options { public string? Password { get; set; } public string? User { get; set; } }
        class C
        {
            object M() => new Options { User = "sa", Password = [|"P@ssw0rd"|] };
            object N() => new { User = "sa", Password = [|"P@ssw0rd"|] };
        }
        """);

    [Fact]
    public Task DictionaryEntries_Report() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        class C
        {
            Dictionary<string, string> M()
            {
                var settings = new Dictionary<string, string>
                {
                    ["Db:Password"] = [|"db-pass-123"|],
                };
                var more = new Dictionary<string, string>
                {
                    { "client_secret", [|"cs-8a7b6c5d"|] },
                };
                settings["api-key"] = [|"0123456789abcdef"|];
                settings.Add("refresh_token", [|"rt-55667788"|]);
                return settings;
            }
        }
        """);

    [Fact]
    public Task EnvironmentVariableSet_Reports() => Verify.VerifyAsync("""
        class C
        {
            void M() => System.Environment.SetEnvironmentVariable("DB_PASSWORD", [|"pa55word"|]);
        }
        """);

    [Fact]
    public Task ComparisonWithLiteral_ReportsBackdoor() => Verify.VerifyAsync("""
        class C
        {
            bool Check(string password) => password == [|"master-override"|];
            bool CheckReversed(string token) => [|"dbg-7Hq2-xK9w"|] != token;
        }
        """);

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("PASSWORD")]
    [InlineData("userPassword")]
    [InlineData("user_password")]
    [InlineData("dbpassword")]
    [InlineData("passwd")]
    [InlineData("pwd")]
    [InlineData("passPhrase")]
    [InlineData("clientSecret")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("apiKey")]
    [InlineData("APIKey")]
    [InlineData("api_key")]
    [InlineData("accessKey")]
    [InlineData("secretKey")]
    [InlineData("privateKey")]
    [InlineData("authKey")]
    [InlineData("bearerToken")]
    [InlineData("refresh_token")]
    [InlineData("credential")]
    [InlineData("serviceCredentials")]
    [InlineData("connectionPassword")]
    [InlineData("PasswordValue")]
    public Task CredentialNames_Report(string name) => Verify.VerifyAsync($$"""
        class C
        {
            string {{name}} = [|"Zq8!vR2#pL5x"|];
        }
        """);

    [Theory]
    [InlineData("Db:Password")]
    [InlineData("smtp.password")]
    [InlineData("x-api-key")]
    [InlineData("Auth__ClientSecret")]
    public Task CredentialKeys_Report(string key) => Verify.VerifyAsync($$"""
        using System.Collections.Generic;
        class C
        {
            void M(Dictionary<string, string> d) => d["{{key}}"] = [|"Zq8!vR2#pL5x"|];
        }
        """);

    [Theory]
    [InlineData("PasswordHash")]
    [InlineData("PasswordPolicy")]
    [InlineData("MinPasswordLength")]
    [InlineData("MaxPasswordLength")]
    [InlineData("TokenType")]
    [InlineData("PublicKey")]
    [InlineData("ClientId")]
    [InlineData("PasswordLabel")]
    [InlineData("TokenUrl")]
    [InlineData("PrivateKeyPath")]
    [InlineData("PasswordFile")]
    [InlineData("SecretName")]
    [InlineData("PasswordPrompt")]
    [InlineData("PasswordRegex")]
    [InlineData("PasswordPattern")]
    [InlineData("PasswordField")]
    [InlineData("PasswordColumn")]
    [InlineData("ApiKeyHeader")]
    [InlineData("PasswordKey")]
    [InlineData("TokenEndpoint")]
    [InlineData("cancellationToken")]
    [InlineData("nextPageToken")]
    [InlineData("keyboard")]
    [InlineData("monkey")]
    [InlineData("passage")]
    public Task NamesThatOnlyMentionTheConcept_DoNotReport(string name) => Verify.VerifyAsync($$"""
        class C
        {
            string {{name}} = "Zq8!vR2#pL5x";
        }
        """);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<password>")]
    [InlineData("${DB_PASSWORD}")]
    [InlineData("$(Password)")]
    [InlineData("%DB_PASSWORD%")]
    [InlineData("{0}")]
    [InlineData("{password}")]
    [InlineData("{{secret}}")]
    [InlineData("***")]
    [InlineData("********")]
    [InlineData("xxx")]
    [InlineData("XXXXXXXX")]
    [InlineData("your-api-key")]
    [InlineData("YOUR_PASSWORD_HERE")]
    [InlineData("replace-me")]
    [InlineData("<enter password>")]
    [InlineData("[token]")]
    [InlineData("abc")]
    public Task EmptyAndPlaceholderValues_DoNotReport(string value) => Verify.VerifyAsync($$"""
        class C
        {
            string password = "{{value}}";
        }
        """);

    [Fact]
    public Task ChangeMe_IsAWeakPasswordNotAPlaceholder() => Verify.VerifyAsync("""
        class C
        {
            string password = [|"changeme"|];
        }
        """);

    [Theory]
    [InlineData("password", "password")]
    [InlineData("ApiKey", "api_key")]
    [InlineData("_clientSecret", "ClientSecret")]
    public Task ValueEqualToTheName_DoesNotReport(string name, string value) => Verify.VerifyAsync($$"""
        class C
        {
            string {{name}} = "{{value}}";
        }
        """);

    [Theory]
    [InlineData("Db:Password")]
    [InlineData("Auth__ClientSecret")]
    [InlineData("ConnectionStrings:Main")]
    [InlineData("X-Api-Key")]
    public Task ValueThatIsAConfigurationKey_DoesNotReport(string value) => Verify.VerifyAsync($$"""
        class C
        {
            const string PasswordSetting = "unused";
            string password = "{{value}}";
        }
        """);

    [Fact]
    public Task LookupKeys_DoNotReport() => Verify.VerifyAsync("""
        using Microsoft.Extensions.Configuration;
        class C
        {
            string? M(IConfiguration config)
            {
                var password = config["Database:Password"];
                var token = config.GetSection("Auth")["Token"];
                return password ?? token;
            }
        }
        """);

    [Fact]
    public Task NonConstantValues_DoNotReport() => Verify.VerifyAsync("""
        class C
        {
            string password;
            C(string input) { password = input; }
            string Token => System.Guid.NewGuid().ToString();
        }
        """);

    [Fact]
    public Task ConstantUsedByName_IsReportedOnceAtItsDeclaration() => Verify.VerifyAsync("""
        class C
        {
            const string DefaultPassword = [|"Winter2024!"|];
            void Login(string user, string password) { }
            void M() => Login("admin", DefaultPassword);
        }
        """);

    [Fact]
    public Task NonCredentialConstantPassedAsPassword_IsReportedAtTheUse() => Verify.VerifyAsync("""
        class C
        {
            const string Fallback = "Winter2024!";
            void Login(string user, string password) { }
            void M() => Login("admin", [|Fallback|]);
        }
        """);

    [Fact]
    public Task LambdaReturningLiteral_IsNotAttributedToTheEnclosingMember() => Verify.VerifyAsync("""
        using System;
        class C
        {
            Func<string> GetPassword() => () => "not-the-password";
        }
        """);

    [Fact]
    public Task LocalFunctionName_IsUsed() => Verify.VerifyAsync("""
        class C
        {
            string M()
            {
                return ReadSecret();
                static string ReadSecret() => [|"5up3r-s3cr3t"|];
            }
        }
        """);

    [Fact]
    public Task GeneratedCode_DoesNotReport() => Verify.VerifyAsync("""
        // <auto-generated/>
        class C
        {
            string password = "Tr0ub4dor&3";
        }
        """);

    [Fact]
    public Task TestProject_DoesNotReportByDefault() =>
        Verify.Test("""
            class C
            {
                string password = "Tr0ub4dor&3";
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task TestProject_ReportsWhenEnabled() =>
        Verify.Test("""
            class C
            {
                string password = [|"Tr0ub4dor&3"|];
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true\nbastion.BST1001.report_in_test_projects = true")
            .RunAsync();

    [Fact]
    public Task ExplicitProductionOverride_Reports() =>
        Verify.Test("""
            class C
            {
                string password = [|"Tr0ub4dor&3"|];
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true\nbastion.project_kind = production")
            .RunAsync();

    [Fact]
    public Task AdditionalCredentialWords_Option() =>
        Verify.Test("""
            class C
            {
                string pinCode = [|"8842-1190"|];
                string licenseCode = "8842-1190";
            }
            """)
            .WithEditorConfig("bastion.BST1001.additional_credential_words = pincode")
            .RunAsync();

    [Fact]
    public Task ExcludedCredentialWords_Option() =>
        Verify.Test("""
            class C
            {
                string demoPassword = "Tr0ub4dor&3";
                string password = [|"Tr0ub4dor&3"|];
            }
            """)
            .WithEditorConfig("bastion.BST1001.excluded_credential_words = demo")
            .RunAsync();

    [Fact]
    public Task PlaceholderPatterns_Option() =>
        Verify.Test("""
            class C
            {
                string password = "TEMPLATE-VALUE-1";
                string apiKey = [|"real-token-value-1"|];
            }
            """)
            .WithEditorConfig("bastion.placeholder_patterns = TEMPLATE-*")
            .RunAsync();

    [Fact]
    public Task MinimumLength_Option() =>
        Verify.Test("""
            class C
            {
                string password = "abcdefg";
                string passwd = [|"abcdefgh"|];
            }
            """)
            .WithEditorConfig("bastion.BST1001.minimum_length = 8")
            .RunAsync();

    [Fact]
    public Task SeverityNone_SilencesTheRule() =>
        Verify.Test("""
            class C
            {
                string password = "Tr0ub4dor&3";
            }
            """)
            .WithEditorConfig("dotnet_diagnostic.BST1001.severity = none")
            .RunAsync();

    [Fact]
    public Task Message_NamesTheTargetAndMasksTheValue() =>
        Verify.Test("""
            class C
            {
                string password = [|"Tr0ub4dor&3"|];
            }
            """)
            .WithAssertion(diagnostics =>
            {
                var diagnostic = diagnostics.Single();
                var message = diagnostic.GetMessage();
                Assert.Equal("'password' is given a hard-coded credential (*** (11 characters)); read it from configuration or a secret store", message);
                Assert.DoesNotContain("Tr0ub", message, StringComparison.Ordinal);
                Assert.All(diagnostic.Properties.Values, v => Assert.DoesNotContain("Tr0ub", v ?? string.Empty, StringComparison.Ordinal));
            })
            .RunAsync();

    [Fact]
    public void Descriptor_HasCweTagsAndHelpLink()
    {
        var rule = new HardcodedCredentialAnalyzer().SupportedDiagnostics.Single(d => d.Id != "BST0001");

        Assert.Equal("BST1001", rule.Id);
        Assert.Equal("Security", rule.Category);
        Assert.Contains("CWE-798", rule.CustomTags);
        Assert.Contains("external/cwe/cwe-798", rule.CustomTags);
        Assert.EndsWith("docs/rules/BST1001.md", rule.HelpLinkUri, StringComparison.Ordinal);
    }
}
