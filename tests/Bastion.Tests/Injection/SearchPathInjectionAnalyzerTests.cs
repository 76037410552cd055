using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.SearchPathInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class SearchPathInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task SearchPaths_Report() => Verify("""
        using System;
        class C
        {
            void M()
            {
                var folder = Console.ReadLine();
                Environment.SetEnvironmentVariable("PATH", [|folder|]);
                Environment.SetEnvironmentVariable("LD_LIBRARY_PATH", [|folder + ":/usr/lib"|]);
            }
        }
        """);

    [Fact]
    public Task OtherVariablesAndConstants_DoNotReport() => Verify("""
        using System;
        class C
        {
            void M()
            {
                var value = Console.ReadLine();
                Environment.SetEnvironmentVariable("PATH", "/usr/bin");
                Environment.SetEnvironmentVariable("GREETING", value);
            }
        }
        """);
}
