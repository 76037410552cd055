using System.Threading.Tasks;
using Bastion.CodeFixes.Injection;
using Xunit;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Injection.CommandInjectionAnalyzer, Bastion.CodeFixes.Injection.ArgumentListCodeFix>;

namespace Bastion.Tests.Injection;

public sealed class ArgumentListCodeFixTests
{
    [Fact]
    public Task ArgumentString_BecomesArgumentListEntries() => VerifyFix.Test("""
        using System;
        using System.Diagnostics;
        class C
        {
            const string Verbose = "-v";

            void M()
            {
                var branch = Console.ReadLine()!;
                Process.Start("git", [|"log  --oneline " + branch + " --author=" + branch|]);
                var info = new ProcessStartInfo("/usr/bin/git", [|$"{Verbose} show {branch}"|]);
            }
        }
        """, """
        using System;
        using System.Diagnostics;
        class C
        {
            const string Verbose = "-v";

            void M()
            {
                var branch = Console.ReadLine()!;
                Process.Start(new ProcessStartInfo("git") { ArgumentList = { "log", "--oneline", branch, "--author=" + branch } });
                var info = new ProcessStartInfo("/usr/bin/git") { ArgumentList = { Verbose, "show", branch } };
            }
        }
        """).WithEquivalenceKey(ArgumentListCodeFix.ArgumentListKey).RunAsync();

    [Fact]
    public Task ShellsQuotesAndUnknownPrograms_AreReportedButNotRewritten() => VerifyFix.Test("""
        using System;
        using System.Diagnostics;
        class C
        {
            void M(string program)
            {
                var input = Console.ReadLine()!;
                Process.Start("cmd.exe", [|"/c dir " + input|]);
                Process.Start("/bin/sh", [|"-c " + input|]);
                Process.Start("git", [|"log \"" + input + "\""|]);
                Process.Start(program, [|"log " + input|]);
                Process.Start([|"git log " + input|]);
            }
        }
        """, """
        using System;
        using System.Diagnostics;
        class C
        {
            void M(string program)
            {
                var input = Console.ReadLine()!;
                Process.Start("cmd.exe", [|"/c dir " + input|]);
                Process.Start("/bin/sh", [|"-c " + input|]);
                Process.Start("git", [|"log \"" + input + "\""|]);
                Process.Start(program, [|"log " + input|]);
                Process.Start([|"git log " + input|]);
            }
        }
        """).RunAsync();
}
