using System.Threading.Tasks;
using Bastion.CodeFixes.Injection;
using Bastion.Tests.Infrastructure;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Injection.OpenRedirectAnalyzer, Bastion.CodeFixes.Injection.OpenRedirectCodeFix>;

namespace Bastion.Tests.Injection;

public sealed class OpenRedirectCodeFixTests
{
    [Fact]
    public Task ControllerRedirects_BecomeLocalRedirects() => VerifyFix.Test("""
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Done(string returnUrl) => Redirect([|returnUrl|]);

            public IActionResult Moved(string returnUrl) => this.RedirectPermanent([|returnUrl|]);

            public IActionResult Kept(string returnUrl) => RedirectPreserveMethod([|returnUrl|]);

            public IActionResult Result(string returnUrl) => new RedirectResult([|returnUrl|]);
        }
        """, """
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Done(string returnUrl) => LocalRedirect(returnUrl);

            public IActionResult Moved(string returnUrl) => this.LocalRedirectPermanent(returnUrl);

            public IActionResult Kept(string returnUrl) => LocalRedirectPreserveMethod(returnUrl);

            public IActionResult Result(string returnUrl) => new LocalRedirectResult(returnUrl);
        }
        """).WithEquivalenceKey(OpenRedirectCodeFix.LocalKey).RunAsync();

    [Fact]
    public Task MinimalApiRedirect_BecomesResultsLocalRedirect() => VerifyFix.Test("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/back", (string to) => Results.Redirect([|to|]));
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/back", (string to) => Results.LocalRedirect(to));
        }
        """).RunAsync();

    [Fact]
    public Task ResponseRedirectWithoutALocalForm_IsReportedButNotRewritten() => VerifyFix.Test("""
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Back(HttpContext context) => context.Response.Redirect([|context.Request.Query["to"]!|]);
        }
        """, """
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Back(HttpContext context) => context.Response.Redirect([|context.Request.Query["to"]!|]);
        }
        """).RunAsync();
}
