using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.CodeInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class CodeInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.InjectionApis).RunAsync();

    [Fact]
    public Task CompiledSource_Reports() => Verify("""
        using System;
        using System.CodeDom.Compiler;
        using System.Text;
        class C
        {
            void M()
            {
                var expression = Console.ReadLine();
                var source = new StringBuilder("public class Calc { public int Sum() => ");
                source.Append(expression);
                source.Append("; }");
                CodeDomProvider.CreateProvider("CSharp").CompileAssemblyFromSource(new CompilerParameters(), [|source.ToString()|]);
            }
        }
        """);

    [Fact]
    public Task NumbersParsedFirst_DoNotReport() => Verify("""
        using System;
        using System.CodeDom.Compiler;
        class C
        {
            void M()
            {
                var text = Console.ReadLine()!;
                var number = int.Parse(text);
                CodeDomProvider.CreateProvider("CSharp").CompileAssemblyFromSource(new CompilerParameters(), "class K { int V = " + number + "; }");
                try
                {
                    int.Parse(text);
                    CodeDomProvider.CreateProvider("CSharp").CompileAssemblyFromSource(new CompilerParameters(), "class K { int V = " + text + "; }");
                }
                catch (FormatException)
                {
                }
            }
        }
        """);

    [Fact]
    public Task TextUsedWhereItsParseSucceeded_DoesNotReport_ElsewhereReports() => Verify("""
        using System;
        using System.CodeDom.Compiler;
        class C
        {
            void M(CodeDomProvider provider)
            {
                var text = Console.ReadLine()!;
                int? number = null;
                try
                {
                    number = int.Parse(text);
                }
                catch (FormatException)
                {
                }

                if (number != null)
                {
                    provider.CompileAssemblyFromSource(new CompilerParameters(), "class K { int V = " + text + "; }");
                }

                if (number.HasValue)
                {
                    provider.CompileAssemblyFromSource(new CompilerParameters(), "class K { int V = " + text + "; }");
                }

                if (number == null)
                {
                    provider.CompileAssemblyFromSource(new CompilerParameters(), [|"class K { int V = " + text + "; }"|]);
                }
            }
        }
        """);
}
