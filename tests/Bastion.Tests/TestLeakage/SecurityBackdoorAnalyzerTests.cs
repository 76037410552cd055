using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.TestLeakage;

public sealed class SecurityBackdoorAnalyzerTests
{
    private static BastionTest Test(string source) =>
        AnalyzerVerifier<Bastion.Analyzers.TestLeakage.SecurityBackdoorAnalyzer>.Test(source).WithGlobalConfig("build_property.IsTestProject = ");

    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        """;

    [Fact]
    public Task AuthenticationHandlerThatSucceedsOnASwitch_Reports() => Test(Usings + """
        public sealed class ApiKeyHandler : AuthenticationHandler<AuthenticationSchemeOptions>
        {
            public ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : base(options, logger, encoder) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                if ([|Environment.GetEnvironmentVariable("SKIP_AUTH") == "1"|])
                {
                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, "test-user") }, Scheme.Name);
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
                }

                return Task.FromResult(AuthenticateResult.NoResult());
            }
        }
        """).RunAsync();

    [Fact]
    public Task AuthorizationHandlerAndVerdictMethods_Report() => Test(Usings + """
        public sealed class AdminRequirement : IAuthorizationRequirement { }
        public sealed class AdminHandler : AuthorizationHandler<AdminRequirement>
        {
            private readonly IConfiguration _configuration;
            public AdminHandler(IConfiguration configuration) => _configuration = configuration;

            protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
            {
                if ([|_configuration["Auth:DisableChecks"] == "true"|])
                {
                    context.Succeed(requirement);
                }

                return Task.CompletedTask;
            }
        }

        public static class Gate
        {
            public static bool BypassForTests;

            public static bool IsAuthorized(string user)
            {
                if ([|Debugger.IsAttached|]) return true;
                if ([|BypassForTests|]) return true;
                return user == "admin";
            }
        }
        """).RunAsync();

    [Fact]
    public Task DebugOnlySuccessInAPasswordHasher_Reports() => Test(Usings + """
        public sealed class User { }
        public sealed class Hasher : IPasswordHasher<User>
        {
            public string HashPassword(User user, string password) => password;

            public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
            {
        #if DEBUG
                return [|PasswordVerificationResult.Success|];
        #endif
                return hashedPassword == providedPassword ? PasswordVerificationResult.Success : PasswordVerificationResult.Failed;
            }
        }
        """).WithPreprocessorSymbols("DEBUG").RunAsync();

    [Fact]
    public Task FakeSecurityComponentsRegistered_Report() => Test(Usings + """
        public sealed class AllowAllHandler : IAuthorizationHandler
        {
            public Task HandleAsync(AuthorizationHandlerContext context) => Task.CompletedTask;
        }

        public sealed class TestAuthHandler : AuthenticationHandler<AuthenticationSchemeOptions>
        {
            public TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : base(options, logger, encoder) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services, AuthenticationBuilder authentication)
            {
                [|services.AddSingleton<IAuthorizationHandler, AllowAllHandler>()|];
                [|authentication.AddScheme<AuthenticationSchemeOptions, TestAuthHandler>("Test", _ => { })|];
            }
        }
        """).RunAsync();

    [Fact]
    public Task RealChecksAndOrdinaryConditions_DoNotReport() => Test(Usings + """
        public sealed class RealHandler : AuthorizationHandler<RealRequirement>
        {
            protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RealRequirement requirement)
            {
                if (context.User.IsInRole("admin"))
                {
                    context.Succeed(requirement);
                }

                return Task.CompletedTask;
            }
        }

        public sealed class RealRequirement : IAuthorizationRequirement { }

        public sealed class Report
        {
            // Not a security decision: a switch deciding formatting is fine.
            public bool ShouldIndent() => Environment.GetEnvironmentVariable("INDENT") == "1" ? true : false;

            public static bool IsAuthorized(string user, bool verbose)
            {
                if (verbose) { Console.WriteLine(user); }
                if (Debugger.IsAttached) { Console.WriteLine("debugging"); }
                return user == "admin";
            }
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<IAuthorizationHandler, RealHandler>();
        }
        """).RunAsync();

    /// <summary>What counts is the member whose body the switch is in: inside a lambda, a local function of a decision or
    /// a getter named for a verdict it is reported; in a field's initializer or a method that is no verdict it is
    /// not.</summary>
    [Fact]
    public Task SwitchInsideTheBodyOfADecision_ReportsWhereverInTheBody() => Test(Usings + """
        public static class Gate
        {
            public static bool BypassForTests;

            public static bool IsAuthorized(string user)
            {
                Func<bool> check = () =>
                {
                    if ([|BypassForTests|]) return true;
                    return user == "admin";
                };
                return Local() || check();

                bool Local()
                {
                    if ([|Debugger.IsAttached|]) return true;
                    return false;
                }
            }

            public static bool IsAdmin
            {
                get
                {
                    if ([|BypassForTests|]) return true;
                    return Environment.UserName == "root";
                }
            }

            private static readonly Func<bool> Stored = () =>
            {
                if (BypassForTests) return true;
                return false;
            };

            public static int Count(string user)
            {
                if (BypassForTests) return 1;
                return user.Length;
            }
        }
        """).RunAsync();

    [Fact]
    public Task TestProject_ReportsNothing() =>
        AnalyzerVerifier<Bastion.Analyzers.TestLeakage.SecurityBackdoorAnalyzer>.Test(Usings + """
            public static class Gate
            {
                public static bool BypassForTests;
                public static bool IsAuthorized(string user) => BypassForTests ? true : user == "admin";
                public static bool CheckAccess(string user) { if (BypassForTests) return true; return false; }
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task VerdictReturnedAsAnExpression_ReportsTheSwitch() => Test(Usings + """
        public sealed class Gate
        {
            private readonly IConfiguration configuration;
            public static bool SkipAuthForTests;

            public Gate(IConfiguration configuration) => this.configuration = configuration;

            public static bool IsAuthorized(string user) => [|SkipAuthForTests|] ? true : user == "admin";

            public static bool CheckPassword(string password) => [|Debugger.IsAttached|] || password == "correct horse";

            public bool HasAccess(string user)
            {
                return user == "root" || [|configuration["Auth:Disabled"] == "true"|] || user.StartsWith("svc-");
            }

            public static async Task<bool> ValidateTokenAsync(string token)
            {
                await Task.Yield();
                return token.Length == 40 | [|Environment.GetEnvironmentVariable("TOKEN_CHECK_OFF") is not null|];
            }

            public static bool IsAdmin => [|SkipAuthForTests|] || Environment.UserName == "root";

            public static bool CanLogin
            {
                get { return [|Debugger.IsAttached|] ? true : Environment.UserName != "guest"; }
            }
        }
        """).RunAsync();

    /// <summary>Only a switch that makes the verdict true on its own: not one that must hold as well (<c>&amp;&amp;</c>),
    /// not a negated one (<c>!switch || …</c> is true when the switch is off), not a conditional's value kept in a local, not a switch in a method that is no verdict, and not a verdict whose
    /// operands are all real checks.</summary>
    [Fact]
    public Task ExpressionsWhereTheSwitchDoesNotDecide_DoNotReport() => Test(Usings + """
        public static class Gate
        {
            public static bool SkipAuthForTests;

            public static bool IsAuthorized(string user) => !SkipAuthForTests && user == "admin";

            public static bool HasAccess(string user) => !Debugger.IsAttached || user == "admin";

            public static bool CheckPassword(string password)
            {
                var strict = SkipAuthForTests ? true : password.Length > 12;
                Console.WriteLine(strict);
                return password == "correct horse";
            }

            public static bool ShowBanner() => SkipAuthForTests || Debugger.IsAttached;

            public static string Describe(string user) => SkipAuthForTests ? "test" : user;

            public static bool HasRole(string user, string role) => user == "root" || role == "admin" || user.EndsWith("@corp");

            public static bool IsAdmin => Environment.UserName == "root" || Environment.UserName == "admin";

            public static bool IsTestRun { get { return SkipAuthForTests || Debugger.IsAttached; } }
        }
        """).RunAsync();

    [Fact]
    public Task Message_NamesTheGettersPropertyNotItsAccessor() =>
        Test(Usings + """
            public static class Gate
            {
                public static bool BypassAuth;
                public static bool IsAdmin => [|BypassAuth|] || Environment.UserName == "root";
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "'IsAdmin' succeeds when 'BypassAuth' is set: a test or debug switch in a security decision",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Message_NamesTheMethodAndTheSwitch() =>
        Test(Usings + """
            public static class Gate
            {
                public static bool ValidateCredentials(string user, string password)
                {
                    if ([|Environment.GetEnvironmentVariable("AUTH_OFF") is not null|]) return true;
                    return false;
                }
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "'ValidateCredentials' succeeds when an environment variable is set: a test or debug switch in a security decision",
                d.Single().GetMessage()))
            .RunAsync();
}
