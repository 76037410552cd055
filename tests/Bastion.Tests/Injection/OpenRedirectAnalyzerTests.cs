using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.OpenRedirectAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class OpenRedirectAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Done(string returnUrl) => Redirect([|returnUrl|]);

            public IActionResult Moved(string target) => new RedirectResult([|target|]);

            public void Classic(System.Web.HttpRequest request, System.Web.HttpResponse response) => response.Redirect([|request.QueryString["next"]!|]);
        }
        """);

    [Fact]
    public Task LocalRedirectsAndCheckedUrls_DoNotReport() => Verify("""
        using Microsoft.AspNetCore.Mvc;
        public class AccountController : Controller
        {
            public IActionResult Done(string returnUrl) => LocalRedirect(returnUrl);

            public IActionResult Checked(string returnUrl) => Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : Redirect("/");

            public IActionResult Home() => Redirect("/home");
        }
        """);
}
