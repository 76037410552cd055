using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.XPathInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class XPathInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.Xml;
        using System.Xml.Linq;
        using System.Xml.XPath;
        class C
        {
            void M(XPathNavigator navigator, XmlDocument document, XElement element)
            {
                var name = Console.ReadLine();
                navigator.Evaluate([|"//user[name='" + name + "']"|]);
                navigator.Select([|"//user[name='" + name + "']"|]);
                XPathExpression.Compile([|"//user[name='" + name + "']"|]);
                document.SelectNodes([|"//user[name='" + name + "']"|]);
                document.SelectSingleNode([|"//user[name='" + name + "']"|]);
                element.XPathSelectElement([|"//user[name='" + name + "']"|]);
            }
        }
        """);

    [Fact]
    public Task EscapedAndConstantValues_DoNotReport() => Verify("""
        using System;
        using System.Security;
        using System.Xml.XPath;
        class C
        {
            void M(XPathNavigator navigator)
            {
                var name = SecurityElement.Escape(Console.ReadLine());
                navigator.Evaluate("//user[name='" + name + "']");
                navigator.Evaluate("//user[@admin='true']");
            }
        }
        """);
}
