using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.FormatStringInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class FormatStringInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.Text;
        class C
        {
            void M(StringBuilder builder)
            {
                var format = Console.ReadLine()!;
                Console.Write(string.Format([|format|], 1));
                Console.WriteLine([|format|], DateTime.Now);
                builder.AppendFormat([|format|], 2);
                Console.Out.Write([|format|], 3);
            }
        }
        """);

    [Fact]
    public Task DataAsArguments_DoesNotReport() => Verify("""
        using System;
        class C
        {
            void M()
            {
                var data = Console.ReadLine()!;
                Console.Write(string.Format("{0}{1}", data, Environment.NewLine));
                Console.WriteLine(data);
                Console.WriteLine($"{data}");
            }
        }
        """);
}
