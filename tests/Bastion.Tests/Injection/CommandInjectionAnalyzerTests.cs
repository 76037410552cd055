using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.CommandInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class CommandInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.Diagnostics;
        class C
        {
            void M()
            {
                var input = Console.ReadLine()!;
                Process.Start([|"cmd.exe /c " + input|]);
                Process.Start("git", [|"log " + input|]);
                var info = new ProcessStartInfo([|input|]);
                info.Arguments = [|"-v " + input|];
                info.FileName = [|input|];
            }
        }
        """);

    [Fact]
    public Task ArgumentListAndConstants_DoNotReport() => Verify("""
        using System;
        using System.Diagnostics;
        class C
        {
            void M()
            {
                var input = Console.ReadLine()!;
                var info = new ProcessStartInfo("git");
                info.ArgumentList.Add("log");
                info.ArgumentList.Add(input);
                Process.Start(info);
                Process.Start("git", "status");
                if (input == "status")
                {
                    Process.Start("git", input);
                }
            }
        }
        """);

    [Fact]
    public Task NumbersDoNotReachTextSinks() => Verify("""
        using System;
        using System.Diagnostics;
        class C
        {
            void M()
            {
                var count = int.Parse(Console.ReadLine()!);
                Process.Start("tool", "--count " + count);
            }
        }
        """);

    [Fact]
    public Task UnboundedNumbers_AreNotInput() => Verifier.Test("""
        using System;
        using System.Diagnostics;
        class C
        {
            private static string suffix = "";

            void M()
            {
                var id = new Random().Next().ToString();
                Process.Start("tool", "--id " + id);
                suffix = int.MaxValue.ToString();
                Process.Start("tool", "--max " + long.MaxValue + suffix);
            }
        }
        """).WithGlobalConfig("dotnet_diagnostic.BST5014.severity = warning").RunAsync();
}
