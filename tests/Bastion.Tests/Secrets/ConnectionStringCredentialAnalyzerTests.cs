using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Secrets.ConnectionStringCredentialAnalyzer, Bastion.CodeFixes.Secrets.ConnectionStringCredentialCodeFix>;

namespace Bastion.Tests.Secrets;

public sealed class ConnectionStringCredentialAnalyzerTests
{
    /// <summary><c>[|…|]</c> stands for BST1002; BST1007 is written out.</summary>
    private static class Verify
    {
        public static Infrastructure.BastionTest Test(string source) =>
            Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.ConnectionStringCredentialAnalyzer>.Test(source).WithDefaultId("BST1002");

        public static Task VerifyAsync(string source) => Test(source).RunAsync();
    }

    [Theory]
    [InlineData("Server=db;Database=shop;User Id=app;Password=[|Tr0ub4dor&3|];")]
    [InlineData("Server=db;Database=shop;User Id=app;Pwd=[|Tr0ub4dor&3|]")]
    [InlineData("Data Source=db;Initial Catalog=shop;User ID=app;password = [|Tr0ub4dor&3|] ;")]
    [InlineData("Host=db;Username=app;Password='[|Tr0ub;4dor|]';Database=shop")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=[|c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Ng==|];EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=[|bm90LWEtcmVhbC1rZXktYnV0LWxvbmctZW5vdWdo=|]")]
    public Task ConnectionStringWithCredential_Reports(string connectionString) => Verify.VerifyAsync($$"""
        class C
        {
            string connection = "{{connectionString}}";
        }
        """);

    [Theory]
    [InlineData("postgres://app:[|Tr0ub4dor|]@db.internal:5432/shop")]
    [InlineData("mongodb+srv://app:[|Tr0ub4dor|]@cluster0.example.net/shop?retryWrites=true")]
    [InlineData("redis://:[|Tr0ub4dor|]@cache.internal:6379/0")]
    [InlineData("amqps://svc:[|Tr0ub4dor|]@broker.internal/vhost")]
    [InlineData("ftp://deploy:[|Tr0ub4dor|]@files.internal/site")]
    public Task UriWithUserInfoPassword_Reports(string uri) => Verify.VerifyAsync($$"""
        class C
        {
            string url = "{{uri}}";
        }
        """);

    [Fact]
    public Task VerbatimAndInterpolatedText_AreLocatedExactly() => Verify.VerifyAsync("""
        class C
        {
            string a = @"Server=db;User Id=app;Password=[|Tr0ub4dor&3|];";
            string B(string server) => $"Server={server};User Id=app;Password=[|Tr0ub4dor&3|];";
        }
        """);

    /// <summary>UTF-8, raw and multi-line literals: the value is located on the line of its pair, and settings written
    /// one per line are pairs as much as settings separated by semicolons.</summary>
    [Fact]
    public Task Utf8RawAndMultiLineLiterals_AreLocatedOnTheLineOfThePair() => Verify.VerifyAsync(""""
        class C
        {
            byte[] a = "Server=db;User Id=app;Password=[|Tr0ub4dor&3|];"u8.ToArray();
            string b = """Server=db;User Id=app;Password=[|Tr0ub4dor&3|];""";
            string c = """
                host=db.internal
                user=app
                password=[|Tr0ub4dor&3|]
                """;
            string d = @"user=app
        password=[|Tr0ub4dor&3|]";
        }
        """");

    /// <summary>A UTF-8 literal is bytes: a read from configuration cannot stand in its place, so no fix is offered.</summary>
    [Fact]
    public Task Utf8Literal_HasNoFix() => VerifyFix.VerifyFixAsync(
        """
        class C
        {
            byte[] a = "Server=db;User Id=app;Password={|BST1002:Tr0ub4dor&3|};"u8.ToArray();
        }
        """,
        """
        class C
        {
            byte[] a = "Server=db;User Id=app;Password={|BST1002:Tr0ub4dor&3|};"u8.ToArray();
        }
        """);

    /// <summary>A password held by a constant whose name says nothing completes the connection string it is concatenated
    /// into: reported there. A credential-named constant is BST1001's, where it is declared.</summary>
    [Fact]
    public Task ConstantCompletingThePassword_IsReportedInTheConnectionString() => Verify.VerifyAsync("""
        class C
        {
            const string Abc = "Xk9-Pq2-Lm7!";
            const string DbPassword = "Xk9-Pq2-Lm8!";
            string A() => [|"Server=s;User Id=u;Password=" + Abc|];
            string B() => "Server=s;User Id=u;Password=" + DbPassword;
        }
        """);

    [Fact]
    public Task MultiLineProse_AboutPasswords_IsNotAPair() => Verify.VerifyAsync(""""
        class C
        {
            string help = """
                To change it, open Settings and choose a new password.
                password = the one you were given
                """;
            string sql = """
                UPDATE Users
                SET Password = @password
                WHERE Id = @id
                """;
        }
        """");

    [Fact]
    public Task ConstantConcatenation_ReportsTheWholeExpression() => Verify.VerifyAsync("""
        class C
        {
            const string Server = "Server=db;";
            string a = [|Server + "User Id=app;" + "Password=Tr0ub4dor&3;"|];
        }
        """);

    [Fact]
    public Task ConstantPieceOfANonConstantConcatenation_Reports() => Verify.VerifyAsync("""
        class C
        {
            string A(string server) => "Server=" + server + ";User Id=app;Password=[|Tr0ub4dor&3|];";
        }
        """);

    [Fact]
    public Task ConstantUsedInAConcatenation_IsReportedOnceAtItsDeclaration() => Verify.VerifyAsync("""
        class C
        {
            const string Cs = "Server=db;User Id=app;Password=[|Tr0ub4dor&3|];";
            string A(string tenant) => Cs + "Application Name=" + tenant;
            string B = Cs + "Timeout=30;";
        }
        """);

    [Fact]
    public Task PasswordFromAVariable_DoesNotReport() => Verify.VerifyAsync("""
        class C
        {
            string A(string password) => "Server=db;User Id=app;Password=" + password + ";";
            string B(string password) => $"Server=db;User Id=app;Password={password};";
            string D(string password) => string.Format("Server=db;User Id=app;Password={0};", password);
        }
        """);

    [Theory]
    [InlineData("Server=db;User Id=app;Password=${DB_PASSWORD};")]
    [InlineData("Server=db;User Id=app;Password=%DB_PASSWORD%;")]
    [InlineData("Server=db;User Id=app;Password={password};")]
    [InlineData("Server=db;Database=shop;Integrated Security=true;")]
    [InlineData("Server=db;Database=shop;Trusted_Connection=True;TrustServerCertificate=false")]
    [InlineData("postgres://app@db.internal/shop")]
    [InlineData("https://example.test/login?user=a&password=b")]
    [InlineData("The password=field must be set")]
    public Task SubstitutedOrAbsentPasswords_DoNotReport(string value) => Verify.VerifyAsync($$"""
        class C
        {
            string value = "{{value}}";
        }
        """);

    [Theory]
    [InlineData("Server=db;User Id=sa;Password={|BST1007:<password>|};")]
    [InlineData("Server=db;User Id=sa;Password={|BST1007:your_password|};")]
    [InlineData("Server=db;User Id=sa;Pwd={|BST1007:***|};")]
    [InlineData("postgres://app:{|BST1007:password|}@db.internal/shop")]
    public Task EmptyOrPlaceholderPassword_IsTheLowerSeverityRule(string value) => Verify.VerifyAsync($$"""
        class C
        {
            string value = "{{value}}";
        }
        """);

    [Fact]
    public Task EmptyPassword_ReportsTheWholeLiteral() => Verify.VerifyAsync("""
        class C
        {
            string a = {|BST1007:"Server=db;User Id=sa;Password=;"|};
            string b = {|BST1007:"Server=db;User Id=sa;Password="|};
        }
        """);

    [Fact]
    public Task KnownTokenAsPassword_IsLeftToBst1003() => Verify.VerifyAsync("""
        class C
        {
            string value = "https://deploy: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@github.example/repo.git";
        }
        """);

    [Fact]
    public Task Message_NamesTheKeyAndMasksTheValue() =>
        Verify.Test("""
            class C
            {
                string value = "Server=db;User Id=app;Pwd=[|Tr0ub4dor&3|];";
            }
            """)
            .WithDefaultId("BST1002")
            .WithAssertion(d =>
            {
                Assert.Equal("Connection string or URI contains a credential in 'Pwd' (*** (11 characters)); keep the whole connection string in configuration", d.Single().GetMessage());
                Assert.DoesNotContain("Tr0ub", string.Join("|", d.Single().Properties.Values), StringComparison.Ordinal);
            })
            .RunAsync();

    [Fact]
    public Task GeneratedCode_DoesNotReport() => Verify.VerifyAsync("""
        // <auto-generated/>
        class C
        {
            string value = "Server=db;User Id=app;Password=Tr0ub4dor&3;";
        }
        """);

    [Fact]
    public Task Fix_ReadsTheWholeConnectionStringFromConfiguration() =>
        VerifyFix.Test(
            """
            using System;
            using Microsoft.Extensions.Configuration;
            class Repository
            {
                private readonly IConfiguration _configuration;
                public Repository(IConfiguration configuration) => _configuration = configuration;
                string Open() => Connect("Server=db;User Id=app;Password=[|Tr0ub4dor&3|];AccountKey=[|c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Ng==|]");
                string Connect(string connectionString) => connectionString;
            }
            """,
            """
            using System;
            using Microsoft.Extensions.Configuration;
            class Repository
            {
                private readonly IConfiguration _configuration;
                public Repository(IConfiguration configuration) => _configuration = configuration;
                string Open() => Connect(_configuration["ConnectionString"] ?? throw new InvalidOperationException("Configuration value 'ConnectionString' is not set."));
                string Connect(string connectionString) => connectionString;
            }
            """)
            .WithDefaultId("BST1002")
            .RunAsync();

    [Fact]
    public Task Fix_IsNotOfferedForConcatenations() =>
        VerifyFix.Test(
            """
            class C
            {
                string A(string server) => "Server=" + server + ";Password=[|Tr0ub4dor&3|];";
            }
            """,
            """
            class C
            {
                string A(string server) => "Server=" + server + ";Password=[|Tr0ub4dor&3|];";
            }
            """)
            .WithDefaultId("BST1002")
            .RunAsync();

    [Theory]
    [InlineData("user_password=[|S3cr3tValue|]")]
    [InlineData("pwd=[|Tr0ub4dor77|];uid=admin")]
    [InlineData("Password=[|x9Kq2LmZ|]")]
    [InlineData("host=db&passwd=[|Tr0ub4dor77|]")]
    [InlineData("https://api.example.test/v1?api_key=[|k3y9f8e7d6c5b4a|]&format=json")]
    [InlineData("grant_type=password&username=svc&password=[|Winter2024|]")]
    [InlineData("access_key=[|AKxyz9876543210|]")]
    [InlineData("auth_token=[|AbCdEf123456|]&x=1")]
    [InlineData("credential=[|Qw3rty!Zx|]")]
    public Task CredentialPairsInAnyString_Report(string value) => Verify.VerifyAsync($$"""
        class C
        {
            string value = "{{value}}";
        }
        """);

    [Theory]
    [InlineData("https://example.test/?token={0}")]
    [InlineData("grant_type=password&username={0}")]
    [InlineData("response_type=token&client_id=shop")]
    [InlineData("token=abc&next=2")]
    [InlineData("mode=auth&auth=basic")]
    [InlineData("The password=field must be set")]
    public Task PairsThatAreNoCredential_DoNotReport(string value) => Verify.VerifyAsync($$"""
        class C
        {
            string value = "{{value}}";
        }
        """);
}
