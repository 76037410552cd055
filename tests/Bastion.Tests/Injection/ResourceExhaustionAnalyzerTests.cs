using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.ResourceExhaustionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class ResourceExhaustionAnalyzerTests
{
    /// <summary>The rule is off by default: the tests switch it on, as a user does.</summary>
    private static Task Verify(string source) => Verifier.Test(source).WithGlobalConfig("dotnet_diagnostic.BST5014.severity = warning").RunAsync();

    [Fact]
    public Task EveryAmountForm_Reports() => Verify("""
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M()
            {
                var count = int.Parse(Console.ReadLine()!);
                Thread.Sleep([|count|]);
                await Task.Delay([|count * 1000|]);
                _ = new List<string>([|count|]);
                _ = new Dictionary<int, int>([|count|]);
                _ = new HashSet<int>([|count|]);
                _ = new ArrayList([|count|]);
                _ = new byte[[|count|]];
                _ = new string('x', [|count|]);
                _ = Enumerable.Repeat(0, [|count|]);
            }
        }
        """);

    [Fact]
    public Task LoopBounds_Report() => Verify("""
        using System;
        class C
        {
            void M()
            {
                int.TryParse(Console.ReadLine(), out var times);
                for (var i = 0; i < [|times|]; i++)
                {
                }

                var n = 0;
                while (n++ <= [|times|] && n > 0)
                {
                }
            }
        }
        """);

    [Fact]
    public Task UpperBoundsCapsAndConstants_DoNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        class C
        {
            void M()
            {
                var count = int.Parse(Console.ReadLine()!);
                if (count > 0 && count <= 20)
                {
                    Thread.Sleep(count);
                    for (var i = 0; i < count; i++)
                    {
                    }
                }

                if (count > 500)
                {
                    return;
                }

                _ = new List<int>(count);
                _ = new byte[Math.Min(int.Parse(Console.ReadLine()!), 4096)];
                for (var i = 0; i < 10; i++)
                {
                }

                Thread.Sleep(100);
            }
        }
        """);

    [Fact]
    public Task LowerBoundAlone_Reports() => Verify("""
        using System;
        using System.Threading;
        class C
        {
            void M()
            {
                var count = int.Parse(Console.ReadLine()!);
                if (count > 0)
                {
                    Thread.Sleep([|count|]);
                }
            }
        }
        """);

    [Fact]
    public Task LoopsOverDataAlreadyReceived_DoNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        class C
        {
            void M()
            {
                var names = Console.ReadLine()!.Split(',');
                for (var i = 0; i < names.Length; i++)
                {
                }

                var list = new List<string>(names);
                for (var i = 0; i < list.Count; i++)
                {
                }

                var text = Console.ReadLine()!;
                while (text.Length > 0 && text.Length < 10)
                {
                    text += ".";
                }
            }
        }
        """);

    [Fact]
    public Task OffByDefault_ReportsNothingUntilSwitchedOn() => Verifier.Test("""
        using System;
        using System.Threading;
        class C
        {
            void M() => Thread.Sleep(int.Parse(Console.ReadLine()!));
        }
        """).RunAsync();
}
