using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.CrossSiteScriptingAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class CrossSiteScriptingAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System.Web;
        using Microsoft.AspNetCore.Html;
        using Microsoft.AspNetCore.Http;
        class C
        {
            void M(System.Web.HttpRequest request, System.Web.HttpResponse response, HttpContext context)
            {
                var name = request.QueryString["name"]!;
                response.Write([|"<p>Hello " + name + "</p>"|]);
                response.Write([|(object)name|]);
                response.StatusDescription = [|"Unknown user " + name|];
                _ = new HtmlString([|name|]);
                context.Response.WriteAsync([|"<p>" + context.Request.Query["q"] + "</p>"|]);
                response.Write([|"<p>" + name.Replace("<script>", "") + "</p>"|]);
            }
        }
        """);

    [Fact]
    public Task EncodedAndConstantValues_DoNotReport() => Verify("""
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var name = request.QueryString["name"]!;
                response.Write("<p>Hello " + HttpUtility.HtmlEncode(name) + "</p>");
                response.Write("<p>" + System.Text.Encodings.Web.HtmlEncoder.Default.Encode(name) + "</p>");
                response.Write("<p>Hello</p>");
            }
        }
        """);
}
