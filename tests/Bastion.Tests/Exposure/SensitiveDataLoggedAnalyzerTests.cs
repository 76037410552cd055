using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Exposure.SensitiveDataLoggedAnalyzer>;

namespace Bastion.Tests.Exposure;

/// <summary>BST4001 against the real logging assemblies: Microsoft.Extensions.Logging (shared framework), Serilog 3.1.1
/// and NLog 6.2.0, plus Trace, Console and EventLog.</summary>
public sealed class SensitiveDataLoggedAnalyzerTests
{
    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(typeof(Serilog.Log), typeof(NLog.LogManager));

    [Fact]
    public Task MicrosoftExtensionsLogging_ArgumentsInterpolationAndFormatting_Report() => Test("""
        using Microsoft.Extensions.Logging;
        class Login
        {
            private readonly ILogger<Login> logger;
            public Login(ILogger<Login> logger) => this.logger = logger;
            void Handle(string userName, string password, User user)
            {
                logger.LogInformation("Login {User} with {Password}", userName, [|password|]);
                logger.LogWarning($"Login failed for {userName}: {[|password|]}");
                logger.LogDebug("Key: " + [|user.ApiKey|]);
                logger.LogError(string.Format("token={0}", [|user.RefreshToken|]));
                logger.Log(LogLevel.Trace, "Secret {S}", [|user.ClientSecret|].Trim());
                using (logger.BeginScope("session {Token}", [|user.SessionToken|])) { }
            }
        }
        class User { public string ApiKey = ""; public string RefreshToken { get; set; } = ""; public string ClientSecret { get; set; } = ""; public string SessionToken { get; set; } = ""; }
        """).RunAsync();

    /// <summary>One case per line of the logging table, given a password; the same call given a user name is its safe
    /// twin.</summary>
    [Theory]
    [InlineData("logger.LogInformation(\"{P}\", {0})")]
    [InlineData("logger.Log(LogLevel.Warning, \"{P}\", {0})")]
    [InlineData("logger.BeginScope(\"{P}\", {0})")]
    [InlineData("Serilog.Log.Information(\"{P}\", {0})")]
    [InlineData("serilog.Warning(\"{P}\", {0})")]
    [InlineData("serilog.ForContext(\"Password\", {0})")]
    [InlineData("nlog.Info(\"{P}\", {0})")]
    [InlineData("System.Diagnostics.Trace.WriteLine({0})")]
    [InlineData("System.Diagnostics.Debug.WriteLine({0})")]
    [InlineData("source.TraceInformation({0})")]
    [InlineData("System.Diagnostics.EventLog.WriteEntry(\"App\", {0})")]
    [InlineData("Console.WriteLine({0})")]
    [InlineData("Console.Error.WriteLine({0})")]
    [InlineData("Console.Out.Write({0})")]
    public Task EachLoggingApi_ReportsAPassword_AndNotAUserName(string call) => Task.WhenAll(
        Test(LoggingTemplate(call.Replace("{0}", "[|password|]"))).RunAsync(),
        Test(LoggingTemplate(call.Replace("{0}", "userName"))).RunAsync());

    /// <summary>A writer's <c>WriteLine</c>, a <c>Log</c> method of the application's own: not logs.</summary>
    [Theory]
    [InlineData("writer.WriteLine(password)")]
    [InlineData("audit.Log(password)")]
    [InlineData("audit.LogInformation(password)")]
    public Task MethodsOfTheSameNameElsewhere_DoNotReport(string call) => Test(LoggingTemplate(call)).RunAsync();

    private static string LoggingTemplate(string call) => $$"""
        using System;
        using System.IO;
        using Microsoft.Extensions.Logging;
        class Audit { public void Log(string text) { } public void LogInformation(string text) { } }
        class Login
        {
            void Handle(ILogger logger, Serilog.ILogger serilog, NLog.Logger nlog, System.Diagnostics.TraceSource source, StreamWriter writer, Audit audit, string userName, string password)
            {
                {{call}};
            }
        }
        """;

    [Fact]
    public Task LoggerMessageDelegatesAndGeneratedMethods_Report() => Test("""
        using System;
        using Microsoft.Extensions.Logging;
        static partial class Log
        {
            private static readonly Action<ILogger, string, string, Exception?> LoggedIn = LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1), "{User} logged in with {Password}");
            public static void Use(ILogger logger, string user, string password)
            {
                LoggedIn(logger, user, [|password|], null);
                TokenIssued(logger, [|password|]);
            }

            [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Token {Token}")]
            static partial void TokenIssued(ILogger logger, string token);
            static partial void TokenIssued(ILogger logger, string token) { }
        }
        """).RunAsync();

    [Fact]
    public Task Serilog_TemplateArgumentsAndDestructuring_Report() => Test("""
        using Serilog;
        class C
        {
            void M(ILogger log, string apiKey, Account account, Account other)
            {
                Log.Information("Calling with {Key}", [|apiKey|]);
                log.Warning("Account {@Account}", [|account|]);
                log.Warning("Account {Account}", other);
                log.ForContext("key", [|apiKey|]).Debug("x");
            }
        }
        class Account { public string Name { get; set; } = ""; public string Password { get; set; } = ""; }
        """).RunAsync();

    [Fact]
    public Task NLogTraceConsoleAndEventLog_Report() => Test("""
        using System;
        using System.Diagnostics;
        class C
        {
            private static readonly NLog.Logger Logger = NLog.LogManager.GetCurrentClassLogger();
            void M(string password, string secret)
            {
                Logger.Info("pwd {0}", [|password|]);
                Trace.TraceInformation("secret " + [|secret|]);
                Debug.WriteLine([|password|]);
                Console.WriteLine($"password={[|password|]}");
                Console.Error.WriteLine([|secret|]);
                EventLog.WriteEntry("App", "pwd " + [|password|]);
            }
        }
        """).RunAsync();

    [Fact]
    public Task RecordsLogAllTheirProperties_Report() => Test("""
        using Microsoft.Extensions.Logging;
        record Credentials(string User, string Password);
        class C
        {
            void M(ILogger logger, Credentials credentials) => logger.LogInformation("Using {Credentials}", [|credentials|]);
        }
        """).RunAsync();

    [Fact]
    public Task AnonymousObjectsAndRequestKeys_Report() => Test("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, HttpRequest request, string pass)
            {
                logger.LogInformation("Body {@Body}", new { User = "x", Password = [|pass|] });
                logger.LogInformation("Form {F}", [|request.Form["password"]|]);
                logger.LogInformation("Auth {A}", [|request.Headers["Authorization"]|]);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Dataflow_ConnectionStringCredentialAndAuthorizationHeader_Report() => Test("""
        using System.Net;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        class C
        {
            private readonly ILogger logger;
            private readonly IConfiguration configuration;
            public C(ILogger logger, IConfiguration configuration) { this.logger = logger; this.configuration = configuration; }
            void M(HttpRequest request, NetworkCredential credential)
            {
                var cs = configuration.GetConnectionString("Shop");
                logger.LogDebug("Connecting to {Db}", [|cs|]);
                var header = request.Headers.Authorization.ToString();
                var copy = Describe(header);
                logger.LogDebug("Header {H}", [|copy|]);
                logger.LogDebug("Cred {C}", [|credential.Password|]);
            }

            static string Describe(string value) => "got " + value;
        }
        """).RunAsync();

    [Fact]
    public Task ConnectionStringWithAPasswordInALocalOrField_ReportsWhateverItsName() => Test("""
        using System;
        class C
        {
            private static readonly NLog.Logger Logger = NLog.LogManager.GetCurrentClassLogger();
            private const string Primary = "Server=db01;Database=shop;User ID=app;Password=Tr0ub4dor-77";
            private static readonly string Replica = @"Data Source=db02;Initial Catalog=shop;User ID=sa;Pwd=Repl1ca-Pass";

            void M(Exception failure)
            {
                var target = @"Data Source=(local);Initial Catalog=shop;User ID=sa;Password=P4ss-w0rd-9";
                Logger.Warn(failure, "Cannot open " + [|target|]);
                Console.WriteLine("Cannot open " + [|Primary|]);
                Console.Error.WriteLine($"Replica: {[|Replica|]}");
            }
        }
        """).RunAsync();

    [Fact]
    public Task ConnectionStringWithoutAPasswordOrReassigned_DoesNotReport() => Test("""
        using System;
        class C
        {
            private const string Integrated = "Server=db01;Database=shop;Integrated Security=true";
            private static string mutable = "Server=db01;Database=shop;User ID=app;Password=Tr0ub4dor-77";

            void M(Func<string> vault)
            {
                var target = "Server=db01;Database=shop;User ID=app;Password=Tr0ub4dor-77";
                target = vault();
                var placeholder = "Server=db01;User ID=app;Password={0}";
                Console.WriteLine("Cannot open " + target);
                Console.WriteLine("Cannot open " + Integrated);
                Console.WriteLine("Cannot open " + placeholder);
                Console.WriteLine("Cannot open " + mutable.Length);
            }
        }
        """).RunAsync();

    [Fact]
    public Task ConstantsHoldingAKnownTokenFormat_ReportWhateverTheirName() => Test("""
        using Microsoft.Extensions.Logging;
        class C
        {
            private const string Primary = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dcQx";
            private const string Greeting = "hello world";
            void M(ILogger logger) => logger.LogInformation("{P} {G}", [|Primary|], Greeting);
        }
        """).WithAssertion(diagnostics => Assert.Contains("a hard-coded Stripe live secret key", Assert.Single(diagnostics).GetMessage(), System.StringComparison.Ordinal)).RunAsync();

    [Fact]
    public Task MaskedLengthsHashesAndOtherValues_DoNotReport() => Test("""
        using System;
        using Microsoft.Extensions.Logging;
        class C
        {
            void M(ILogger logger, string password, string userName, Exception ex, Account account)
            {
                logger.LogInformation("Password length {Length}", password.Length);
                logger.LogInformation("Password set: {Set}", !string.IsNullOrEmpty(password));
                logger.LogInformation("Password {P}", Mask(password));
                logger.LogInformation("Hash {H}", Hash(password));
                logger.LogInformation("User {User}", userName);
                logger.LogError(ex, "Login failed for {User}", userName);
                logger.LogInformation("Account {Account}", account);
                logger.LogInformation("Token lifetime {Minutes}", 30);
                logger.LogInformation("Account {@Account}", account);
            }

            static string Mask(string s) => new string('*', s.Length);
            static string Hash(string s) => s.GetHashCode().ToString();
        }
        class Account { public string Name { get; set; } = ""; [System.Text.Json.Serialization.JsonIgnore] public string Password { get; set; } = ""; }
        """).RunAsync();

    [Fact]
    public Task MethodsNamedLikeLogsElsewhere_DoNotReport() => Test("""
        class Audit { public void Information(string message, string value) { } public void LogInformation(string m, string v) { } }
        class C
        {
            void M(Audit audit, string password)
            {
                audit.Information("x", password);
                audit.LogInformation("x", password);
            }
        }
        """).RunAsync();

    [Fact]
    public Task TestProjects_AreSkipped() => Verifier.Test("""
        using Microsoft.Extensions.Logging;
        class C { void M(ILogger logger, string password) => logger.LogInformation("{P}", password); }
        """).WithGlobalConfig("is_global = true\nbuild_property.IsTestProject = true").RunAsync();

    [Fact]
    public Task TestProjects_ReportWhenAskedFor() => Verifier.Test("""
        using Microsoft.Extensions.Logging;
        class C { void M(ILogger logger, string password) => logger.LogInformation("{P}", [|password|]); }
        """).WithGlobalConfig("is_global = true\nbuild_property.IsTestProject = true\nbastion.BST4001.report_in_test_projects = true").RunAsync();

    [Fact]
    public Task Message_NamesTheValueNeverShowsIt() => Test("""
        using Microsoft.Extensions.Logging;
        class C
        {
            const string Password = "Hunter-Canary-2024";
            void M(ILogger logger) => logger.LogInformation("{P}", [|Password|]);
        }
        """).WithAssertion(diagnostics =>
        {
            var message = Assert.Single(diagnostics).GetMessage();
            Assert.Equal("'Password' is written to the log by ILogger.LogInformation; log a mask or leave it out", message);
            Assert.DoesNotContain("Canary", message, System.StringComparison.Ordinal);
        }).RunAsync();
}
