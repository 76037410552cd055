using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

// bastion trace summary: which methods the samples of one set of analyzers fall in.
// Usage: Bastion.TraceSummary <trace.nettrace> [--filter Bastion.Analyzers] [--top 40] [--from 0.0-1.0]
// --under counts only the samples with that method on the stack.
// --from skips the first part of the trace (e.g. 0.7: the last 30%, after a compiler server has warmed up).
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Bastion.TraceSummary <trace.nettrace> [--filter Bastion.Analyzers] [--top 40] [--from 0.0-1.0] [--stacks-of <leaf method>] [--under <method>]");
    return 2;
}

var filter = Option("--filter") ?? "Bastion.Analyzers";
var top = int.Parse(Option("--top") ?? "40", CultureInfo.InvariantCulture);
var from = double.Parse(Option("--from") ?? "0", CultureInfo.InvariantCulture);

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var start = log.SessionEndTimeRelativeMSec * from;
var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var innermost = new Dictionary<string, int>(StringComparer.Ordinal);
var leaves = new Dictionary<string, int>(StringComparer.Ordinal);
var leafOf = Option("--stacks-of");
var under = Option("--under");
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

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string Short(string? method) => method is null ? "?" : method.IndexOf('(') is var paren and > 0 ? method[..paren] : method;
