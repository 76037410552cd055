using System.Globalization;
using System.Text;
using Bastion.Benchmarks;

// bastion benchmark: sets of analyzers over one corpus, in one process; see docs/performance.md. Its options are the
// table in Options.cs. `trace <file.nettrace>`: where an EventPipe sample profile's samples of a set fall (TraceSummary.cs).
if (args is ["trace", .. var traceArgs])
{
    return TraceSummary.Run(traceArgs);
}

if (Options.Parse(args, Options.Measure, out var parseError) is not { } options || options.Positional.Count > 0)
{
    Console.Error.WriteLine(parseError.Length > 0 ? parseError : "unexpected argument " + args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)));
    Console.Error.Write(Options.Usage("Bastion.Benchmarks [options] | trace <file.nettrace> [options]", Options.Measure));
    return 2;
}

var library = options.Get("--library");
var corpusFolder = library is null ? options.Get("--corpus") : Libraries.Folder(library);
var defines = library is null ? Libraries.Defines(options.Get("--define")) : Libraries.DefinesOf(library);
var modules = options.Int("--modules", 100);
var runs = options.Int("--runs", 3);
var setNames = (options.Get("--sets") ?? string.Join(",", AnalyzerSets.Names)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var scaling = options.Has("--scaling");
var output = options.Get("--output");
var prebind = options.Has("--prebind");
var concurrent = options.Has("--concurrent");
var eager = options.Has("--eager");
var collect = options.Has("--collect");
var serialBuild = options.Has("--serial-build");
var floorSet = options.Get("--floor") ?? AnalyzerSets.EmptyOperationAction;
var referenceFolders = (options.Get("--references") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

// --write-corpus <folder>: write the generated corpus to disk (for build-time measurements: bench/measure-build.sh).
if (options.Get("--write-corpus") is { } corpusOut)
{
    foreach (var (path, text) in Corpus.Services(modules))
    {
        var target = Path.Combine(corpusOut, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
    }

    return 0;
}

// --write-tree <folder> [--services N]: write a generated multi-project application (a shared library and N Web SDK
// services of --modules modules each) for the scanner's scaling series (bench/scan-scaling.sh).
if (options.Get("--write-tree") is { } treeOut)
{
    var services = options.Int("--services", 4);
    foreach (var (path, text) in ProjectTree.Create(services, modules))
    {
        var target = Path.Combine(treeOut, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
    }

    return 0;
}

// --operations: the corpus's operations by kind, and nothing else (before any set is created: the peers' sets load
// their assemblies).
if (options.Has("--operations") && modules >= 1 && (corpusFolder is null || Directory.Exists(corpusFolder)))
{
    var counted = new Runner(corpusFolder is null ? Corpus.Services(modules) : Corpus.FromFolder(corpusFolder), 1, defines: defines, frameworkFolders: library is null ? null : Libraries.ReferenceFolders()).CountOperations();
    Console.WriteLine("| Operation kind | Count |");
    Console.WriteLine("|---|---:|");
    foreach (var (kind, count) in counted.OrderByDescending(p => p.Value))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {count:N0} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all | {counted.Values.Sum():N0} |"));
    return 0;
}

// Each set is created once (Sonar's and the NetAnalyzers' sets load an assembly and hundreds of analyzers); a name that
// makes no set is unknown unless it is a known set whose package is missing (Create warns about that).
var created = setNames.Prepend(AnalyzerSets.Compile).Distinct().Select(n => (Name: n, Set: AnalyzerSets.Create(n))).ToList();
var unknown = created.Where(c => c.Set is null && !AnalyzerSets.Names.Contains(c.Name)).ToList();
if (unknown.Count > 0 || runs < 1 || modules < 1 || corpusFolder is not null && !Directory.Exists(corpusFolder) || referenceFolders.Any(f => !Directory.Exists(f)))
{
    Console.Error.WriteLine("unknown set, a missing corpus or reference folder, or a count below 1");
    Console.Error.Write(Options.Usage("Bastion.Benchmarks [options]", Options.Measure));
    return 2;
}

var report = new StringBuilder();
var files = corpusFolder is null ? Corpus.Services(modules) : Corpus.FromFolder(corpusFolder);
var runner = new Runner(files, runs, prebind, concurrent, eager, collect, serialBuild, referenceFolders, defines, library is null ? null : Libraries.ReferenceFolders());
report.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {(corpusFolder ?? $"generated services, {modules} modules")}; {files.Count} files, {runner.Lines:N0} lines{(corpusFolder is null ? string.Empty : $", {runner.CompileErrors():N0} compile errors")}. Medians of {runs} rounds (every set once per round, after a warm-up round), one compilation per run, `concurrentAnalysis: {(concurrent ? "true" : "false")}`{(eager ? "; callees bound ahead of the driver as in an editor (`--eager`)" : string.Empty)}{(prebind ? "; every body bound before the timed analysis (`--prebind`)" : string.Empty)}{(serialBuild ? "; the compiler binds on one thread (`--serial-build`)" : string.Empty)}{(collect ? "; the garbage collector runs during the timed runs (`--collect`)" : "; no garbage collection during a timed run unless it allocates more than the runtime's no-GC region holds (see the GCs column)")}.");
report.AppendLine();
report.AppendLine("| Set | Analyzers | Analyzer time (s) | × compile-only | Wall (s) | Wall over the floor, × compile-only | CPU (s) | CPU over the floor, × compile-only CPU | Allocated (MB) | GC pauses (s) | GCs | Diagnostics | Analyzer exceptions |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

var sets = created.Select(c => c.Set).OfType<AnalyzerSet>().ToList();
var measurements = await runner.MeasureInterleavedAsync(sets, message => Console.Error.WriteLine(message));
var compile = measurements.First(m => m.Set == AnalyzerSets.Compile);
var compileSeconds = compile.AnalyzerSeconds;
var compileCpu = compile.CpuSeconds;
var floor = measurements.FirstOrDefault(m => m.Set == floorSet);
foreach (var (set, measurement) in sets.Zip(measurements))
{
    var name = set.Name;
    var ratio = compileSeconds > 0 ? measurement.AnalyzerSeconds / compileSeconds : 0;
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {set.Analyzers.Length} | {measurement.AnalyzerSeconds:0.000} | {(name == AnalyzerSets.Compile ? "1 (baseline)" : ratio.ToString("0.000", CultureInfo.InvariantCulture))} | {measurement.WallSeconds:0.000} | {OverFloor(measurement, m => m.WallRounds, compile.WallRounds)} | {measurement.CpuSeconds:0.000} | {OverFloor(measurement, m => m.CpuRounds, compile.CpuRounds)} | {measurement.AllocatedMegabytes:0} | {measurement.GcPauseSeconds:0.000} | {measurement.Collections:0} | {measurement.Diagnostics} | {measurement.Exceptions} |");
}

if (measurements.Any(m => !double.IsNaN(m.ThreadCpuSeconds)))
{
    report.AppendLine();
    // The clock's own cost per callback, from the timed probe (its callbacks do nothing else), taken off every set's time.
    var probe = measurements.FirstOrDefault(m => m.Set == "cpu:" + AnalyzerSets.EmptyOperationAction && m.Callbacks > 0);
    var clockPerCallback = probe is null ? 0 : probe.ThreadCpuSeconds / probe.Callbacks;
    report.AppendLine(CultureInfo.InvariantCulture, $"Thread processor time in the callbacks of the `cpu:` sets (the telemetry without the wait for a core). The clock costs a system call on each side of every callback; {(probe is null ? "add `cpu:empty-operation-action` to the sets to measure and take off that cost" : $"the timed probe, whose callbacks do nothing, puts it at {clockPerCallback * 1e9:0} ns per callback, taken off in the last columns")}.");
    report.AppendLine();
    report.AppendLine("| Set | Callbacks per run | Thread CPU in callbacks (s) | Without the clock (s) | × compile-only wall | × compile-only CPU | Allocated in callbacks (MB) |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var timed in measurements.Where(m => !double.IsNaN(m.ThreadCpuSeconds)))
    {
        var net = timed.ThreadCpuSeconds - timed.Callbacks * clockPerCallback;
        report.AppendLine(CultureInfo.InvariantCulture, $"| {timed.Set} | {timed.Callbacks:N0} | {timed.ThreadCpuSeconds:0.000} | {net:0.000} | {net / compileSeconds:0.000} | {net / compileCpu:0.000} | {timed.CallbackMegabytes:0.00} |");
    }

    foreach (var timed in measurements.Where(m => m.PerAnalyzerThread.Count > 1))
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Per analyzer of `{timed.Set}` (medians of the runs):");
        report.AppendLine();
        report.AppendLine("| Analyzer | Callbacks per run | Thread CPU (s) | Without the clock (s) | Allocated (MB) |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (analyzer, (seconds, megabytes, callbacks)) in timed.PerAnalyzerThread.OrderByDescending(p => p.Value.Seconds - p.Value.Callbacks * clockPerCallback))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {analyzer} | {callbacks:N0} | {seconds:0.000} | {seconds - callbacks * clockPerCallback:0.000} | {megabytes:0.00} |");
        }
    }
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Over the floor: each round's (set − {floorSet}) ÷ compile-only, the three measured in that round; the median of the rounds, and in brackets its 95% confidence interval (sign test; needs 6 rounds or more).");

// The goal: all of Bastion costs no more than the driver's floor (one empty operation action) plus 0.15× compile-only,
// measured in this same run: by what it adds to the floor's wall and processor time (the cost the goal's floor is, and
// paired round by round), and by the driver's telemetry.
if (floor is not null && floorSet == AnalyzerSets.EmptyOperationAction && measurements.FirstOrDefault(m => m.Set == "bastion") is { } allOfBastion && compileSeconds > 0)
{
    var floorTelemetry = floor.AnalyzerSeconds / compileSeconds;
    var bastionTelemetry = allOfBastion.AnalyzerSeconds / compileSeconds;
    var wall = Paired.Overhead(allOfBastion.WallRounds, floor.WallRounds, compile.WallRounds);
    var cpu = Paired.Overhead(allOfBastion.CpuRounds, floor.CpuRounds, compile.CpuRounds);
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Goal (Bastion ≤ floor + 0.15× compile-only): wall time over the floor {Show(wall)} — {wall.Against(0.15)}; CPU time over the floor {Show(cpu)} — {cpu.Against(0.15)}; telemetry {bastionTelemetry:0.000}× vs {floorTelemetry:0.000}× + 0.15 = {floorTelemetry + 0.15:0.000}× — {(bastionTelemetry <= floorTelemetry + 0.15 ? "met" : "NOT met")} (medians; the driver's clock around the callbacks, so it counts any wait for a core{(serialBuild ? string.Empty : ", and here the compiler binds on every core: `--serial-build` leaves one free")}).");
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
        ("one long method", n => ScalingShapes.LongMethod(n), 625, "statements"),
        ("call chain", n => ScalingShapes.CallChain(n), 25, "methods"),
        ("many small flows", n => ScalingShapes.ManyMethods(n), 1250, "methods"),
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

// A set's time over the floor, paired round by round, as "+median (low to high)"; dashes for the baseline and the floor.
string OverFloor(Measurement measurement, Func<Measurement, IReadOnlyList<double>> rounds, IReadOnlyList<double> baseline) =>
    measurement.Set == AnalyzerSets.Compile || floor is null ? "–" :
    measurement.Set == floorSet ? "0 (floor)" :
    Show(Paired.Overhead(rounds(measurement), rounds(floor), baseline));

static string Show(Interval interval) => interval.IsResolved
    ? string.Create(CultureInfo.InvariantCulture, $"{interval.Median:+0.000;-0.000} ({interval.Low:+0.000;-0.000} to {interval.High:+0.000;-0.000})")
    : string.Create(CultureInfo.InvariantCulture, $"{interval.Median:+0.000;-0.000}");
