using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.ResourceExhaustionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class ResourceExhaustionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).RunAsync();

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
    public Task UnboundedRandomNumbers_Report() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        class C
        {
            private readonly Random random = new();

            void M()
            {
                var wait = random.Next();
                Thread.Sleep([|wait|]);
                var size = Random.Shared.NextInt64();
                _ = new List<int>([|(int)size|]);
                var count = Pick();
                for (var i = 0; i < [|count|]; i++)
                {
                    Console.WriteLine(i);
                }
            }

            int Pick() => random.Next();
        }
        """);

    [Fact]
    public Task BoundedRandomNumbers_DoNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        class C
        {
            void M(Random random)
            {
                var a = random.Next(1000);
                var b = random.Next(10, 20);
                var c = random.Next() % 500;
                var d = random.Next() & 0xFF;
                var e = (int)(random.NextDouble() * 100);
                Thread.Sleep(a);
                Thread.Sleep(b);
                _ = new byte[c];
                _ = new List<int>(d);
                for (var i = 0; i < e; i++)
                {
                }

                var f = random.Next();
                if (f <= 60000)
                {
                    Thread.Sleep(f);
                }
            }
        }
        """);

    [Fact]
    public Task VariablesSetToAMaximum_Report() => Verify("""
        using System;
        using System.Collections.Generic;
        class C
        {
            private const int NoLimit = int.MaxValue;

            void M()
            {
                var data = int.MaxValue;
                _ = new HashSet<int>([|data|]);
                long total = long.MaxValue;
                for (long i = 0; i < [|total|]; i++)
                {
                    Console.WriteLine(i);
                }

                int limit;
                limit = NoLimit;
                Allocate([|limit|]);
                ulong widened = int.MaxValue;
                _ = new byte[[|widened|]];
            }

            static void Allocate(int size) => _ = new int[size];
        }
        """);

    [Fact]
    public Task MaximumsAsSentinelsOrAtTheSink_DoNotReport() => Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        class C
        {
            private int max = int.MaxValue;

            int M(Func<int, bool> found, int? requested, int doubled)
            {
                Thread.Sleep(int.MaxValue);
                _ = new List<int>(int.MaxValue);
                for (var i = 0; i < int.MaxValue; i++)
                {
                }

                var clamped = doubled < 0 ? int.MaxValue : doubled;
                _ = new char[clamped];
                var limit = requested ?? int.MaxValue;
                _ = new List<int>(limit);
                _ = new List<int>(Math.Max(doubled, int.MaxValue));
                _ = new List<int>(Capacity());
                Allocate(int.MaxValue);
                long year = int.MaxValue - 1;
                _ = new byte[year];
                short small = short.MaxValue;
                _ = new byte[small];
                return 0;
            }

            static int Capacity() => int.MaxValue;

            static void Allocate(int size) => _ = new int[size];

            int Search(Func<int, bool> found)
            {
                var max = int.MaxValue;
                for (var i = 0; i < max; i++)
                {
                    if (found(i))
                    {
                        break;
                    }
                }

                for (var i = 0; i < max; i++)
                {
                    if (found(i))
                    {
                        return i;
                    }
                }

                var j = 0;
                while (j < max && !found(j))
                {
                    j++;
                }

                return j;
            }
        }
        """);

    [Fact]
    public Task LoopWithInnerBreak_StillReports() => Verify("""
        using System;
        class C
        {
            void M(int[] values)
            {
                var count = new Random().Next();
                for (var i = 0; i < [|count|]; i++)
                {
                    foreach (var value in values)
                    {
                        if (value == i)
                        {
                            break;
                        }
                    }

                    Action stop = () => { return; };
                }
            }
        }
        """);

    [Fact]
    public Task UntrustedInputStillReportsInLoopsWithOtherExits() => Verify("""
        using System;
        class C
        {
            void M(Func<int, bool> found)
            {
                var count = int.Parse(Console.ReadLine()!);
                for (var i = 0; i < [|count|]; i++)
                {
                    if (found(i))
                    {
                        break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Messages_NameTheNumbersOrigin() => Verifier.Test("""
        using System;
        using System.Threading;
        class C
        {
            void M()
            {
                var wait = new Random().Next();
                Thread.Sleep([|wait|]);
                var size = int.MaxValue;
                _ = new byte[[|size|]];
                var typed = int.Parse(Console.ReadLine()!);
                Thread.Sleep([|typed|]);
            }
        }
        """)
        .WithAssertion(d => Assert.Equal(
            new[]
            {
                "A number from an unbounded random number (Random.Next()) reaches Thread.Sleep; check it against an upper limit first",
                "A number from the constant int.MaxValue reaches the size of a new array; check it against an upper limit first",
                "A number from Console.ReadLine reaches Thread.Sleep; check it against an upper limit first",
            },
            d.OrderBy(f => f.Location.SourceSpan.Start).Select(f => f.GetMessage()).ToArray()))
        .RunAsync();

    [Fact]
    public Task OnByDefault() => Verifier.Test("""
        using System;
        using System.Threading;
        class C
        {
            void M() => Thread.Sleep([|int.Parse(Console.ReadLine()!)|]);
        }
        """).RunAsync();

    [Fact]
    public Task SwitchedOff_ReportsNothing() => Verifier.Test("""
        using System;
        using System.Threading;
        class C
        {
            void M() => Thread.Sleep(int.Parse(Console.ReadLine()!));
        }
        """).WithGlobalConfig("dotnet_diagnostic.BST5014.severity = none").RunAsync();
}
