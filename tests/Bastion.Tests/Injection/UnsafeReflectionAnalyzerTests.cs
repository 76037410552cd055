using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.UnsafeReflectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class UnsafeReflectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.Reflection;
        class C
        {
            void M()
            {
                var name = Console.ReadLine()!;
                Type.GetType([|name|]);
                Activator.CreateInstance([|name|], "Plugin");
                Assembly.LoadFrom([|name|]);
                typeof(C).Assembly.GetType([|name|]);
            }
        }
        """);

    [Fact]
    public Task AllowListedAndConstantNames_DoNotReport() => Verify("""
        using System;
        class C
        {
            private static readonly System.Collections.Generic.HashSet<string> Plugins = new() { "Reports.Csv", "Reports.Pdf" };
            void M()
            {
                var name = Console.ReadLine()!;
                if (Plugins.Contains(name))
                {
                    Type.GetType(name);
                }

                if (name == "Reports.Html")
                {
                    Type.GetType(name);
                }

                Type.GetType("Reports.Csv");
            }
        }
        """);
}
