using System.Threading.Tasks;
using Bastion.CodeFixes.Secrets;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.CodeFixVerifier<
    Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer,
    Bastion.CodeFixes.Secrets.HardcodedCredentialCodeFix>;

namespace Bastion.Tests.Secrets;

public sealed class HardcodedCredentialCodeFixTests
{
    [Fact]
    public Task Field_ReadsEnvironmentVariable() => Verify.VerifyFixAsync(
        """
        using System;
        class C
        {
            private string _dbPassword = [|"Tr0ub4dor&3"|]; // rotated quarterly
        }
        """,
        """
        using System;
        class C
        {
            private string _dbPassword = Environment.GetEnvironmentVariable("DB_PASSWORD") ?? throw new InvalidOperationException("Environment variable 'DB_PASSWORD' is not set."); // rotated quarterly
        }
        """);

    [Fact]
    public Task WithoutUsingSystem_NamesStayQualified() => Verify.VerifyFixAsync(
        """
        class C
        {
            string apiKey = [|"k3y-9f8e7d6c5b4a"|];
        }
        """,
        """
        class C
        {
            string apiKey = System.Environment.GetEnvironmentVariable("API_KEY") ?? throw new System.InvalidOperationException("Environment variable 'API_KEY' is not set.");
        }
        """);

    [Fact]
    public Task ConstField_BecomesAStaticPropertyReadAtUse() => Verify.VerifyFixAsync(
        """
        using System;
        class C
        {
            public const string ApiKey = [|"k3y-9f8e7d6c5b4a"|];
            string Use() => ApiKey;
        }
        """,
        """
        using System;
        class C
        {
            public static string ApiKey => Environment.GetEnvironmentVariable("API_KEY") ?? throw new InvalidOperationException("Environment variable 'API_KEY' is not set.");
            string Use() => ApiKey;
        }
        """);

    [Fact]
    public Task StaticReadonlyField_IsReadAtUse_UnlessItIsWrittenElsewhere() => Verify.VerifyFixAsync(
        """
        using System;
        class C
        {
            // The API key.
            private static readonly string apiKey = [|"k3y-9f8e7d6c5b4a"|];
            private static readonly string password = [|"Tr0ub4dor&3"|];

            static C()
            {
                if (Environment.GetEnvironmentVariable("ROTATE") is { } rotated)
                {
                    password = rotated;
                }
            }

            string Use() => apiKey + password;
        }
        """,
        """
        using System;
        class C
        {
            // The API key.
            private static string apiKey => Environment.GetEnvironmentVariable("API_KEY") ?? throw new InvalidOperationException("Environment variable 'API_KEY' is not set.");
            private static readonly string password = Environment.GetEnvironmentVariable("PASSWORD") ?? throw new InvalidOperationException("Environment variable 'PASSWORD' is not set.");

            static C()
            {
                if (Environment.GetEnvironmentVariable("ROTATE") is { } rotated)
                {
                    password = rotated;
                }
            }

            string Use() => apiKey + password;
        }
        """);

    [Fact]
    public Task PrimaryConstructorConfiguration_IsUsedInInstanceMembersOnly() => Verify.VerifyFixAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class Mailer(IConfiguration configuration)
        {
            private static readonly string smtpPassword = [|"M4il-Pass-2024"|];
            private readonly string apiKey = [|"k3y-9f8e7d6c5b4a"|];

            public string Describe() => configuration["Name"] + smtpPassword + apiKey;
        }
        """,
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class Mailer(IConfiguration configuration)
        {
            private static string smtpPassword => Environment.GetEnvironmentVariable("SMTP_PASSWORD") ?? throw new InvalidOperationException("Environment variable 'SMTP_PASSWORD' is not set.");
            private readonly string apiKey = configuration["ApiKey"] ?? throw new InvalidOperationException("Configuration value 'ApiKey' is not set.");

            public string Describe() => configuration["Name"] + smtpPassword + apiKey;
        }
        """);

    [Fact]
    public Task ConstLocal_BecomesAPlainLocal() => Verify.VerifyFixAsync(
        """
        using System;
        class C
        {
            string M()
            {
                const string token = [|"tok_5f2a9c81"|];
                return token;
            }
        }
        """,
        """
        using System;
        class C
        {
            string M()
            {
                string token = Environment.GetEnvironmentVariable("TOKEN") ?? throw new InvalidOperationException("Environment variable 'TOKEN' is not set.");
                return token;
            }
        }
        """);

    [Fact]
    public Task ConstUsedInACaseLabel_HasNoFix() => Verify.VerifyFixAsync(
        """
        class C
        {
            const string Password = [|"Tr0ub4dor&3"|];
            int M(string s) { switch (s) { case Password: return 1; default: return 0; } }
        }
        """,
        """
        class C
        {
            const string Password = [|"Tr0ub4dor&3"|];
            int M(string s) { switch (s) { case Password: return 1; default: return 0; } }
        }
        """);

    [Fact]
    public Task ParameterDefault_HasNoFix() => Verify.VerifyFixAsync(
        """
        class C
        {
            void Connect(string password = [|"hunter22"|]) { }
        }
        """,
        """
        class C
        {
            void Connect(string password = [|"hunter22"|]) { }
        }
        """);

    [Fact]
    public Task ConfigurationParameterInScope_IsPreferred() => Verify.VerifyFixAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            string Connect(IConfiguration configuration)
            {
                var smtpPassword = [|"mail-pass-77"|];
                return smtpPassword;
            }
        }
        """,
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            string Connect(IConfiguration configuration)
            {
                var smtpPassword = configuration["SmtpPassword"] ?? throw new InvalidOperationException("Configuration value 'SmtpPassword' is not set.");
                return smtpPassword;
            }
        }
        """);

    [Fact]
    public Task ConfigurationFieldInInstanceMember_IsUsed() => Verify.VerifyFixAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            private readonly IConfiguration _configuration;
            public C(IConfiguration configuration) => _configuration = configuration;
            void Login(string user, string password) { }
            void M() => Login("admin", [|"s3cret!!"|]);
        }
        """,
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            private readonly IConfiguration _configuration;
            public C(IConfiguration configuration) => _configuration = configuration;
            void Login(string user, string password) { }
            void M() => Login("admin", _configuration["Password"] ?? throw new InvalidOperationException("Configuration value 'Password' is not set."));
        }
        """);

    [Fact]
    public Task ConfigurationFieldInStaticMember_IsNotUsed() => Verify.VerifyFixAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            private readonly IConfiguration? _configuration;
            static string Token() => [|"abcdef123456"|];
        }
        """,
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            private readonly IConfiguration? _configuration;
            static string Token() => Environment.GetEnvironmentVariable("TOKEN") ?? throw new InvalidOperationException("Environment variable 'TOKEN' is not set.");
        }
        """);

    [Fact]
    public Task EnvironmentVariableAction_IsAvailableWhenConfigurationIsInScope() =>
        Verify.Test(
            """
            using System;
            using Microsoft.Extensions.Configuration;
            class C
            {
                void N(IConfiguration configuration) { var clientSecret = [|"s3cr3t-v4lue"|]; }
            }
            """,
            """
            using System;
            using Microsoft.Extensions.Configuration;
            class C
            {
                void N(IConfiguration configuration) { var clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET") ?? throw new InvalidOperationException("Environment variable 'CLIENT_SECRET' is not set."); }
            }
            """)
            .WithEquivalenceKey(HardcodedCredentialCodeFix.MoveToEnvironmentKey)
            .RunAsync();

    [Fact]
    public Task Comparison_KeepsParenthesesForPrecedence() => Verify.VerifyFixAsync(
        """
        using System;
        class C
        {
            bool Check(string password) => password == [|"master-override"|];
        }
        """,
        """
        using System;
        class C
        {
            bool Check(string password) => password == (Environment.GetEnvironmentVariable("PASSWORD") ?? throw new InvalidOperationException("Environment variable 'PASSWORD' is not set."));
        }
        """);

    [Fact]
    public Task DictionaryKey_GivesSectionedNames() => Verify.VerifyFixAsync(
        """
        using System;
        using System.Collections.Generic;
        class C
        {
            void M(Dictionary<string, string> settings) => settings["Db:Password"] = [|"db-pass-123"|];
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        class C
        {
            void M(Dictionary<string, string> settings) => settings["Db:Password"] = Environment.GetEnvironmentVariable("DB__PASSWORD") ?? throw new InvalidOperationException("Environment variable 'DB__PASSWORD' is not set.");
        }
        """);

    [Fact]
    public Task FixAll_FixesEveryCredentialInTheDocument() => Verify.VerifyFixAsync(
        """
        using System;
        class Options { public string? Password { get; set; } }
        class C
        {
            private string apiKey = [|"k3y-9f8e7d6c5b4a"|];
            private string clientSecret = [|"cs-8a7b6c5d"|];
            object M() => new Options { Password = [|"P@ssw0rd"|] };
            void P(string password = [|"hunter22"|]) { }
        }
        """,
        """
        using System;
        class Options { public string? Password { get; set; } }
        class C
        {
            private string apiKey = Environment.GetEnvironmentVariable("API_KEY") ?? throw new InvalidOperationException("Environment variable 'API_KEY' is not set.");
            private string clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET") ?? throw new InvalidOperationException("Environment variable 'CLIENT_SECRET' is not set.");
            object M() => new Options { Password = Environment.GetEnvironmentVariable("PASSWORD") ?? throw new InvalidOperationException("Environment variable 'PASSWORD' is not set.") };
            void P(string password = [|"hunter22"|]) { }
        }
        """);

    [Fact]
    public Task ExpressionTreeLambda_HasNoFix() => Verify.VerifyFixAsync(
        """
        using System;
        using System.Linq.Expressions;
        class C
        {
            Expression<Func<string, bool>> IsMaster() => password => password == [|"master-override"|];
        }
        """,
        """
        using System;
        using System.Linq.Expressions;
        class C
        {
            Expression<Func<string, bool>> IsMaster() => password => password == [|"master-override"|];
        }
        """);
}
