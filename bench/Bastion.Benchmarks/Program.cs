using System.Globalization;
using System.Text;
using Bastion.Benchmarks;

// bastion benchmark: sets of analyzers over one corpus, in one process; see docs/performance.md.
var corpusFolder = Option("--corpus");
var modules = int.Parse(Option("--modules") ?? "100", CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs") ?? "3", CultureInfo.InvariantCulture);
var setNames = (Option("--sets") ?? string.Join(",", AnalyzerSets.Names)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var scaling = args.Contains("--scaling");
var output = Option("--output");
var prebind = args.Contains("--prebind");
var concurrent = args.Contains("--concurrent");
var eager = args.Contains("--eager");
var collect = args.Contains("--collect");

// --write-corpus <folder>: write the generated corpus to disk (for build-time measurements: bench/measure-build.sh).
if (Option("--write-corpus") is { } corpusOut)
{
    foreach (var (path, text) in Corpus.Services(modules))
    {
        var target = Path.Combine(corpusOut, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
    }

    return 0;
}

// Each set is created once (Sonar's and the NetAnalyzers' sets load an assembly and hundreds of analyzers); a name that
// makes no set is unknown unless it is a known set whose package is missing (Create warns about that).
var created = setNames.Prepend(AnalyzerSets.Compile).Distinct().Select(n => (Name: n, Set: AnalyzerSets.Create(n))).ToList();
var unknown = created.Where(c => c.Set is null && !AnalyzerSets.Names.Contains(c.Name)).ToList();
if (unknown.Count > 0 || runs < 1 || modules < 1 || corpusFolder is not null && !Directory.Exists(corpusFolder))
{
    Console.Error.WriteLine($"usage: Bastion.Benchmarks [--corpus <folder>] [--modules N] [--runs N] [--sets {string.Join(",", AnalyzerSets.Names)},bastion:<analyzer type>+…] [--scaling] [--prebind] [--concurrent] [--eager] [--collect] [--output report.md]");
    return 2;
}

var report = new StringBuilder();
var files = corpusFolder is null ? Corpus.Services(modules) : Corpus.FromFolder(corpusFolder);
var runner = new Runner(files, runs, prebind, concurrent, eager, collect);
report.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {(corpusFolder ?? $"generated services, {modules} modules")}; {files.Count} files, {runner.Lines:N0} lines. Medians of {runs} rounds (every set once per round, after a warm-up round), one compilation per run, `concurrentAnalysis: {(concurrent ? "true" : "false")}`{(eager ? "; callees bound ahead of the driver as in an editor (`--eager`)" : string.Empty)}{(prebind ? "; every body bound before the timed analysis (`--prebind`)" : string.Empty)}{(collect ? "; the garbage collector runs during the timed runs (`--collect`)" : "; no garbage collection during a timed run unless it allocates more than the runtime's no-GC region holds (see the GCs column)")}.");
report.AppendLine();
report.AppendLine("| Set | Analyzers | Analyzer time (s) | × compile-only | Wall (s) | Wall over the floor, × compile-only | CPU (s) | CPU over the floor, × compile-only CPU | Allocated (MB) | GC pauses (s) | GCs | Diagnostics | Analyzer exceptions |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

var sets = created.Select(c => c.Set).OfType<AnalyzerSet>().ToList();
var measurements = await runner.MeasureInterleavedAsync(sets, message => Console.Error.WriteLine(message));
var compileSeconds = measurements.First(m => m.Set == AnalyzerSets.Compile).AnalyzerSeconds;
var floorWall = measurements.FirstOrDefault(m => m.Set == AnalyzerSets.EmptyOperationAction)?.WallSeconds ?? 0;
var compileCpu = measurements.First(m => m.Set == AnalyzerSets.Compile).CpuSeconds;
var floorCpu = measurements.FirstOrDefault(m => m.Set == AnalyzerSets.EmptyOperationAction)?.CpuSeconds ?? 0;
foreach (var (set, measurement) in sets.Zip(measurements))
{
    var name = set.Name;
    var ratio = compileSeconds > 0 ? measurement.AnalyzerSeconds / compileSeconds : 0;
    // Wall time over the driver's floor: what the set adds to an analysis run that already creates every operation.
    var added = compileSeconds > 0 && floorWall > 0 ? (measurement.WallSeconds - floorWall) / compileSeconds : double.NaN;
    var addedCpu = compileCpu > 0 && floorCpu > 0 ? (measurement.CpuSeconds - floorCpu) / compileCpu : double.NaN;
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {set.Analyzers.Length} | {measurement.AnalyzerSeconds:0.000} | {(name == AnalyzerSets.Compile ? "1 (baseline)" : ratio.ToString("0.000", CultureInfo.InvariantCulture))} | {measurement.WallSeconds:0.000} | {(double.IsNaN(added) || name == AnalyzerSets.Compile ? "–" : name == AnalyzerSets.EmptyOperationAction ? "0 (floor)" : added.ToString("+0.000;-0.000", CultureInfo.InvariantCulture))} | {measurement.CpuSeconds:0.000} | {(double.IsNaN(addedCpu) || name == AnalyzerSets.Compile ? "–" : name == AnalyzerSets.EmptyOperationAction ? "0 (floor)" : addedCpu.ToString("+0.000;-0.000", CultureInfo.InvariantCulture))} | {measurement.AllocatedMegabytes:0} | {measurement.GcPauseSeconds:0.000} | {measurement.Collections:0} | {measurement.Diagnostics} | {measurement.Exceptions} |");
}

// The goal: all of Bastion costs no more than the driver's floor (one empty operation action) plus 0.15× compile-only,
// by the driver's telemetry and by wall time added, measured in this same run.
if (measurements.FirstOrDefault(m => m.Set == "empty-operation-action") is { } floor && measurements.FirstOrDefault(m => m.Set == "bastion") is { } allOfBastion && compileSeconds > 0)
{
    var floorTelemetry = floor.AnalyzerSeconds / compileSeconds;
    var bastionTelemetry = allOfBastion.AnalyzerSeconds / compileSeconds;
    var overFloorWall = (allOfBastion.WallSeconds - floor.WallSeconds) / compileSeconds;
    var overFloorCpu = compileCpu > 0 ? (allOfBastion.CpuSeconds - floor.CpuSeconds) / compileCpu : double.NaN;
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Goal (Bastion ≤ floor + 0.15× compile-only): telemetry {bastionTelemetry:0.000}× vs {floorTelemetry:0.000}× + 0.15 = {floorTelemetry + 0.15:0.000}× — {(bastionTelemetry <= floorTelemetry + 0.15 ? "met" : "NOT met")}; wall time over the floor's {overFloorWall:+0.000;-0.000}× vs 0.15× — {(overFloorWall <= 0.15 ? "met" : "NOT met")}; CPU time over the floor's {overFloorCpu:+0.000;-0.000}× vs 0.15× — {(overFloorCpu <= 0.15 ? "met" : "NOT met")}.");
}

foreach (var bastion in measurements.Where(m => m.Set.StartsWith("bastion", StringComparison.Ordinal)))
{
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Where `{bastion.Set}`'s time goes (× compile-only):");
    report.AppendLine();
    report.AppendLine("| Analyzer | Time (s) | × compile-only |");
    report.AppendLine("|---|---:|---:|");
    foreach (var (analyzer, seconds) in bastion.PerAnalyzer.OrderByDescending(p => p.Value))
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {analyzer} | {seconds:0.000} | {seconds / compileSeconds:0.0000} |");
    }
}

if (scaling)
{
    report.AppendLine();
    report.AppendLine("Scaling: the configuration rules (BST2001–BST2003, one shared taint engine) and all of Bastion, at 1×, 2×, 4× and 8× each shape. Time per unit should stay flat if cost is linear.");
    report.AppendLine();
    report.AppendLine("| Shape | Scale | Size | Lines | Configuration rules (s) | per 1× unit | All Bastion (s) | per 1× unit | Diagnostics |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    var shapes = new (string Name, Func<int, IReadOnlyList<(string, string)>> Make, int Base, string Unit)[]
    {
        ("one long method", n => Corpus.LongMethod(n), 625, "statements"),
        ("call chain", n => Corpus.CallChain(n), 25, "methods"),
        ("many small flows", n => Corpus.ManyMethods(n), 1250, "methods"),
        ("service corpus", n => Corpus.Services(n), 25, "modules"),
    };

    foreach (var (shape, make, unitSize, unit) in shapes)
    {
        foreach (var factor in new[] { 1, 2, 4, 8 })
        {
            Console.Error.WriteLine($"scaling {shape} ×{factor}…");
            var scaled = new Runner(make(unitSize * factor), runs, eager: eager);
            var configuration = await scaled.MeasureAsync(AnalyzerSets.Create("bastion-configuration")!);
            var all = await scaled.MeasureAsync(AnalyzerSets.Create("bastion")!);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {shape} | {factor}× | {unitSize * factor:N0} {unit} | {scaled.Lines:N0} | {configuration.AnalyzerSeconds:0.000} | {configuration.AnalyzerSeconds / factor:0.0000} | {all.AnalyzerSeconds:0.000} | {all.AnalyzerSeconds / factor:0.0000} | {all.Diagnostics} |");
        }
    }
}

Console.WriteLine(report);
if (output is not null)
{
    File.WriteAllText(output, report.ToString());
}

return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
