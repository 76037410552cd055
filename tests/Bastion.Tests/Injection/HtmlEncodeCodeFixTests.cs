using System.Threading.Tasks;
using Bastion.CodeFixes.Injection;
using Bastion.Tests.Infrastructure;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Injection.CrossSiteScriptingAnalyzer, Bastion.CodeFixes.Injection.HtmlEncodeCodeFix>;

namespace Bastion.Tests.Injection;

public sealed class HtmlEncodeCodeFixTests
{
    private static BastionTest Fix(string source, string fixedSource) =>
        VerifyFix.Test(source, fixedSource).WithReferences(StubLibraries.SystemWeb);

    [Fact]
    public Task ValuesInMarkup_AreEncoded_MarkupKept() => Fix("""
        using System.Net;
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response, int count)
            {
                var name = request.QueryString["name"]!;
                response.Write([|"<p title=\"" + name + "\">Hello " + name + ", " + count + " new</p>"|]);
                response.Write([|$"<li>{request.QueryString["item"]}</li>"|]);
            }
        }
        """, """
        using System.Net;
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response, int count)
            {
                var name = request.QueryString["name"]!;
                response.Write("<p title=\"" + WebUtility.HtmlEncode(name) + "\">Hello " + WebUtility.HtmlEncode(name) + ", " + count + " new</p>");
                response.Write($"<li>{WebUtility.HtmlEncode(request.QueryString["item"])}</li>");
            }
        }
        """).WithEquivalenceKey(HtmlEncodeCodeFix.EncodeKey).RunAsync();

    [Fact]
    public Task ValueAlone_IsEncodedWhole_WithoutAUsingTheNameStaysQualified() => Fix("""
        using System.Web;
        using Microsoft.AspNetCore.Html;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var name = request.QueryString["name"]!;
                response.Write([|(object)name|]);
                _ = new HtmlString([|name|]);
            }
        }
        """, """
        using System.Web;
        using Microsoft.AspNetCore.Html;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var name = request.QueryString["name"]!;
                response.Write(System.Net.WebUtility.HtmlEncode(((object)name)?.ToString()));
                _ = new HtmlString(System.Net.WebUtility.HtmlEncode(name));
            }
        }
        """).RunAsync();

    [Fact]
    public Task WhereHtmlEncodingIsNotEnough_NoFix() => Fix("""
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var url = request.QueryString["url"]!;
                response.Write([|"<a href=\"" + url + "\">back</a>"|]);
                response.Write([|"<img src=" + url + ">"|]);
                response.Write([|"<script>var u = '" + url + "';</script>"|]);
                response.Write([|"<div onclick=\"go('" + url + "')\">go</div>"|]);
                response.Write([|"<div " + url + ">x</div>"|]);
            }
        }
        """, """
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var url = request.QueryString["url"]!;
                response.Write([|"<a href=\"" + url + "\">back</a>"|]);
                response.Write([|"<img src=" + url + ">"|]);
                response.Write([|"<script>var u = '" + url + "';</script>"|]);
                response.Write([|"<div onclick=\"go('" + url + "')\">go</div>"|]);
                response.Write([|"<div " + url + ">x</div>"|]);
            }
        }
        """).RunAsync();
}
