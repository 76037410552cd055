using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace Bastion.Benchmarks;

/// <summary><c>trace &lt;file.nettrace&gt;</c>: which methods the samples of one set of analyzers fall in, from an EventPipe
/// sample profile (docs/performance.md shows how to record one): inclusive counts, the innermost frame of the set and
/// what it called, the leaf frames, and the collections and pauses in the window.</summary>
internal static class TraceSummary
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (Options.Parse(args, Options.Trace, out var error) is not { } options || options.Positional.Count != 1 || !File.Exists(options.Positional[0]))
        {
            Console.Error.WriteLine(error.Length > 0 ? error : "trace wants one existing .nettrace file");
            Console.Error.Write(Options.Usage("Bastion.Benchmarks trace <file.nettrace> [options]", Options.Trace));
            return 2;
        }

        var filter = options.Get("--filter") ?? "Bastion.Analyzers";
        var top = options.Int("--top", 40);
        var from = options.Double("--from", 0);

        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(options.Positional[0]));
        var start = log.SessionEndTimeRelativeMSec * from;
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var innermost = new Dictionary<string, int>(StringComparer.Ordinal);
        var leaves = new Dictionary<string, int>(StringComparer.Ordinal);
        var leafOf = options.Get("--stacks-of");
        var under = options.Get("--under");
        var stacksOfLeaf = new Dictionary<string, int>(StringComparer.Ordinal);
        int all = 0, matching = 0;
        var collections = new Dictionary<int, int>();
        double pauses = 0, suspendedAt = -1;
        foreach (var sample in log.Events)
        {
            if (sample.ProviderName == "Microsoft-Windows-DotNETRuntime" && sample.TimeStampRelativeMSec >= start)
            {
                switch (sample.EventName)
                {
                    case "GC/Start":
                        var generation = Convert.ToInt32(sample.PayloadByName("Depth"), CultureInfo.InvariantCulture);
                        collections[generation] = collections.GetValueOrDefault(generation) + 1;
                        break;
                    case "GC/SuspendEEStart":
                        suspendedAt = sample.TimeStampRelativeMSec;
                        break;
                    case "GC/RestartEEStop" when suspendedAt >= 0:
                        pauses += sample.TimeStampRelativeMSec - suspendedAt;
                        suspendedAt = -1;
                        break;
                }
            }

            if (sample.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || sample.TimeStampRelativeMSec < start || sample.CallStack() is not { } stack)
            {
                continue;
            }

            all++;
            var frames = new List<string>();
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                frames.Add(Short(frame.CodeAddress.FullMethodName));
            }

            var own = frames.FindIndex(f => f.StartsWith(filter, StringComparison.Ordinal));
            if (own < 0 || under is not null && !frames.Exists(f => f.Contains(under, StringComparison.Ordinal)))
            {
                continue;
            }

            matching++;
            foreach (var frame in frames.Distinct())
            {
                inclusive[frame] = inclusive.GetValueOrDefault(frame) + 1;
            }

            // The innermost frame of the set, and what it was calling: "our code" against "the compiler's work we asked for".
            var key = own == 0 ? frames[0] : frames[own] + "  ->  " + frames[own - 1];
            innermost[key] = innermost.GetValueOrDefault(key) + 1;
            leaves[frames[0]] = leaves.GetValueOrDefault(frames[0]) + 1;
            if (leafOf is not null && frames[0].Contains(leafOf, StringComparison.Ordinal))
            {
                var chain = string.Join("\n           <- ", frames.Take(Math.Min(frames.Count, own + 2)));
                stacksOfLeaf[chain] = stacksOfLeaf.GetValueOrDefault(chain) + 1;
            }
        }

        Console.WriteLine($"{matching} of {all} samples have a frame of {filter}.");
        Console.WriteLine($"Collections in the window: {string.Join(", ", collections.OrderBy(p => p.Key).Select(p => $"gen{p.Key} {p.Value}"))}; threads suspended {pauses:0} ms in all (GCs and sampling).");
        Console.WriteLine();
        Console.WriteLine($"Inclusive (samples with the method on the stack), methods of {filter}:");
        foreach (var (name, count) in inclusive.Where(p => p.Key.StartsWith(filter, StringComparison.Ordinal)).OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{count,7}  {name}");
        }

        Console.WriteLine();
        Console.WriteLine($"Innermost {filter} frame -> what it called:");
        foreach (var (name, count) in innermost.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{count,7}  {name}");
        }

        Console.WriteLine();
        Console.WriteLine($"Leaf frame (where the sample landed) of the samples with a {filter} frame:");
        foreach (var (name, count) in leaves.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{count,7}  {name}");
        }

        foreach (var (chain, count) in stacksOfLeaf.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine();
            Console.WriteLine($"{count,7}  {chain}");
        }

        return 0;
    }

    private static string Short(string? method) => method is null ? "?" : method.IndexOf('(') is var paren and > 0 ? method[..paren] : method;
}
