using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.ResponseHeaderInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class ResponseHeaderInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System.Web;
        class C
        {
            void M(HttpRequest request, HttpResponse response)
            {
                var lang = request.QueryString["lang"]!;
                response.AddHeader("Content-Language", [|lang|]);
                response.AppendHeader([|lang|], "1");
                response.AppendCookie([|new HttpCookie("lang", lang)|]);
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
                var lang = HttpUtility.UrlEncode(request.QueryString["lang"]!);
                response.AddHeader("Content-Language", lang);
                response.AppendCookie(new HttpCookie("lang", lang));
                response.AddHeader("Cache-Control", "no-store");
            }
        }
        """);
}
