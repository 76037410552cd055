using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

/// <summary>Runs one set over one corpus, in this process, one fresh compilation per run (so no run reuses another's
/// binding), and takes medians. Analyzer time is the compiler driver's own per-analyzer telemetry.</summary>
internal sealed class Runner
{
    private readonly ImmutableArray<SyntaxTree> trees;
    private readonly ImmutableArray<MetadataReference> references;
    private readonly int runs;
    private readonly bool prebind;
    private readonly bool concurrent;
    private readonly bool collect;
    private readonly bool concurrentBuild;
    private readonly AnalyzerOptions analyzerOptions;

    /// <param name="eager">Analyse as an editor does, binding callees ahead of the driver, instead of as a command-line
    /// build does (the package sets <c>BastionDeferCallGraphSearch</c> there, and so does this runner by default).</param>
    /// <param name="serialBuild">Bind on one thread (<c>concurrentBuild: false</c>): the compiler's own threads then no
    /// longer share this machine's two cores with the analyzers' thread, whose telemetry (a stopwatch around each
    /// callback) otherwise counts the time the thread waits for a core.</param>
    /// <param name="defines">Preprocessor symbols of the corpus (a library's target-framework defines).</param>
    /// <param name="referenceFolders">Folders whose managed assemblies a corpus of real code references besides the
    /// framework's (a project's package assemblies): without them its types do not bind.</param>
    /// <param name="frameworkFolders">The framework the corpus is compiled against; by default the runtime's and ASP.NET
    /// Core's assemblies (what the generated services use).</param>
    public Runner(IReadOnlyList<(string Path, string Text)> files, int runs, bool prebind = false, bool concurrent = false, bool eager = false, bool collect = false, bool serialBuild = false,
        IReadOnlyList<string>? referenceFolders = null, IReadOnlyList<string>? defines = null, IReadOnlyList<string>? frameworkFolders = null)
    {
        concurrentBuild = !serialBuild;
        this.prebind = prebind;
        this.concurrent = concurrent;
        this.collect = collect;
        // What the package's props make compiler-visible in a command-line build of a library (as its generated
        // .editorconfig shows): IsTestProject present but empty, so Bastion does not infer the project's kind from its
        // references.
        analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["build_property.BastionDeferCallGraphSearch"] = eager ? "false" : "true",
                ["build_property.IsTestProject"] = string.Empty,
                ["build_property.BastionAnalysisMode"] = "default",
            }));
        var options = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: defines);
        trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, "/corpus/" + f.Path)).ToImmutableArray();
        references = References(frameworkFolders ?? DefaultFramework, referenceFolders ?? Array.Empty<string>());
        this.runs = runs;
        Lines = files.Sum(f => f.Text.Count(c => c == '\n') + 1);
    }

    public int Lines { get; }

    /// <summary>Every run of one set in a row, after one unmeasured run (the scaling series).</summary>
    public async Task<Measurement> MeasureAsync(AnalyzerSet set)
    {
        await MeasureOnceAsync(set, new Samples());
        var samples = new Samples();
        for (var run = 0; run < runs; run++)
        {
            await MeasureOnceAsync(set, samples);
        }

        return samples.Summarize(set.Name);
    }

    /// <summary>Every set once per round, round after round, after one unmeasured round (JIT and first-use costs belong
    /// to no set): a slow spell of the machine then falls on every set alike instead of on whichever set it was
    /// measuring, which is what made the ratios move by 2× between runs of the same command. Each round starts one set
    /// later than the one before, so every set runs in every place of the order equally often: a set run just after
    /// another heavy one measured up to 20% slower than the same set run before it.</summary>
    public async Task<IReadOnlyList<Measurement>> MeasureInterleavedAsync(IReadOnlyList<AnalyzerSet> sets, Action<string>? progress = null)
    {
        var samples = sets.Select(_ => new Samples()).ToList();
        for (var round = -1; round < runs; round++)
        {
            progress?.Invoke(round < 0 ? "warm-up round…" : $"round {round + 1} of {runs}…");
            for (var step = 0; step < sets.Count; step++)
            {
                var i = (step + Math.Max(round, 0)) % sets.Count;
                await MeasureOnceAsync(sets[i], round < 0 ? new Samples() : samples[i]);
            }
        }

        return sets.Select((set, i) => samples[i].Summarize(set.Name)).ToList();
    }

    /// <summary>One run of one set on a fresh compilation (so no run reuses another's binding).</summary>
    private async Task MeasureOnceAsync(AnalyzerSet set, Samples samples)
    {
        var compilation = Compilation(set.Options);

        // Untimed, for every set alike: bind the references. Whoever asks for a symbol first pays for it, which in an
        // analysis run is whichever analyzer's compilation-start action runs first; it is the compiler's work.
        _ = compilation.GetSpecialType(SpecialType.System_Object);

        // Untimed: start every run from a collected heap, so a collection the previous run left pending is not
        // charged to whichever analyzer happens to be running when it comes.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Untimed: unless --collect, no collection during the run. A pause stops every thread and is charged to whichever
        // analyzer's action is running when it comes, whoever allocated: three collections of 30-40 ms each per run
        // made any analyzer's time jump by tens of milliseconds. Allocation is reported as its own column instead. A set
        // that allocates more than the region holds (the big peers) collects anyway, and the GCs column shows it.
        var noCollection = !collect && TryStartNoCollection();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        if (set.Analyzers.IsEmpty)
        {
            samples.Diagnostics = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            samples.Wall.Add(stopwatch.Elapsed.TotalSeconds);
            samples.Cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            samples.Allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6);
            samples.GcPause.Add((GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds);
            samples.Collections.Add(GC.CollectionCount(0) - collectionsBefore);
            samples.Analyzer.Add(stopwatch.Elapsed.TotalSeconds);
            EndNoCollection(noCollection);
            return;
        }

        var thrown = 0;
        var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
            analyzerOptions, (_, _, _) => Interlocked.Increment(ref thrown),
            concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        if (prebind)
        {
            // Untimed: bind every body and build all its operations in the driver's own semantic models first, so the
            // telemetry shows what the analyzers do, not binding an interprocedural analyzer asks for ahead of the driver.
            stopwatch.Stop();
            Prebind(withAnalyzers.Compilation);
            stopwatch.Start();
        }

        var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        samples.Wall.Add(stopwatch.Elapsed.TotalSeconds);
        samples.Cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        samples.Allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6);
        samples.GcPause.Add((GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds);
        samples.Collections.Add(GC.CollectionCount(0) - collectionsBefore);
        EndNoCollection(noCollection);
        samples.Diagnostics = found.Count(d => d.Severity != DiagnosticSeverity.Hidden);
        samples.Exceptions = thrown;
        var total = 0.0;
        var run = samples.Analyzer.Count;
        foreach (var analyzer in set.Analyzers)
        {
            var seconds = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds;
            total += seconds;
            var name = analyzer.GetType().Name;
            if (!samples.PerAnalyzer.TryGetValue(name, out var list))
            {
                samples.PerAnalyzer[name] = list = new List<double>();
            }

            if (list.Count <= run)
            {
                list.Add(seconds);
            }
            else
            {
                list[run] += seconds;
            }
        }

        samples.Analyzer.Add(total);
        if (set.Analyzers.Any(a => a is ThreadCpuTimedAnalyzer))
        {
            var timed = set.Analyzers.OfType<ThreadCpuTimedAnalyzer>().ToList();
            var taken = timed.Select(a => a.Take()).ToList();
            for (var i = 0; i < timed.Count; i++)
            {
                if (!samples.PerAnalyzerThread.TryGetValue(timed[i].Name, out var perRun))
                {
                    samples.PerAnalyzerThread[timed[i].Name] = perRun = new List<(double, double, long)>();
                }

                // Two analyzers of one type in a set share a row: add to this run's entry.
                if (perRun.Count > run)
                {
                    perRun[run] = (perRun[run].Seconds + taken[i].Seconds, perRun[run].Megabytes + taken[i].AllocatedBytes / 1e6, perRun[run].Callbacks + taken[i].Callbacks);
                }
                else
                {
                    perRun.Add((taken[i].Seconds, taken[i].AllocatedBytes / 1e6, taken[i].Callbacks));
                }
            }

            samples.ThreadCpu.Add(taken.Sum(t => t.Seconds));
            samples.CallbackAllocated.Add(taken.Sum(t => t.AllocatedBytes) / 1e6);
            samples.Callbacks = taken.Sum(t => t.Callbacks);
        }
    }

    /// <summary>The largest no-collection region the runtime grants, tried from 240 MB down.</summary>
    private static bool TryStartNoCollection()
    {
        for (var megabytes = 240L; megabytes >= 60; megabytes /= 2)
        {
            try
            {
                if (GC.TryStartNoGCRegion(megabytes * 1024 * 1024))
                {
                    return true;
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // More than this runtime's region can hold: try a smaller one.
            }
        }

        return false;
    }

    private static void EndNoCollection(bool started)
    {
        // A run that allocated more than the region held has already left it.
        if (started && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }

    private sealed class Samples
    {
        public List<double> Analyzer { get; } = new();

        public List<double> Wall { get; } = new();

        /// <summary>Processor time of the whole process during the run (every thread): unlike wall time, not lengthened
        /// when the machine gives the process less of a core.</summary>
        public List<double> Cpu { get; } = new();

        /// <summary>Megabytes allocated by the whole process during the run: far steadier than time on a shared machine.</summary>
        public List<double> Allocated { get; } = new();

        /// <summary>Time the runtime stopped every thread to collect, and how many collections: a pause is charged to
        /// whichever analyzer's action was running when it came, whoever allocated.</summary>
        public List<double> GcPause { get; } = new();

        public List<double> Collections { get; } = new();

        public Dictionary<string, List<double>> PerAnalyzer { get; } = new(StringComparer.Ordinal);

        /// <summary>Thread processor time in the callbacks of a <c>cpu:</c> set's analyzers, per run.</summary>
        public List<double> ThreadCpu { get; } = new();

        /// <summary>Per analyzer type of a <c>cpu:</c> set, each run's thread processor time and megabytes allocated.</summary>
        public Dictionary<string, List<(double Seconds, double Megabytes, long Callbacks)>> PerAnalyzerThread { get; } = new(StringComparer.Ordinal);

        /// <summary>Megabytes allocated in the callbacks of a <c>cpu:</c> set's analyzers, per run.</summary>
        public List<double> CallbackAllocated { get; } = new();

        /// <summary>Callbacks timed in the last run of a <c>cpu:</c> set (the same in every run).</summary>
        public long Callbacks { get; set; }

        public int Diagnostics { get; set; }

        public int Exceptions { get; set; }

        public Measurement Summarize(string set) => new(set, Median(Analyzer), Median(Wall), Median(Cpu), Median(Allocated), Median(GcPause), Median(Collections), Diagnostics, Exceptions,
            PerAnalyzer.ToDictionary(p => p.Key, p => Median(p.Value), StringComparer.Ordinal))
        {
            WallRounds = Wall.ToArray(),
            CpuRounds = Cpu.ToArray(),
            ThreadCpuSeconds = ThreadCpu.Count == 0 ? double.NaN : Median(ThreadCpu),
            Callbacks = Callbacks,
            CallbackMegabytes = CallbackAllocated.Count == 0 ? double.NaN : Median(CallbackAllocated),
            PerAnalyzerThread = PerAnalyzerThread.ToDictionary(
                p => p.Key, p => (Median(p.Value.Select(v => v.Seconds).ToList()), Median(p.Value.Select(v => v.Megabytes).ToList()), p.Value[^1].Callbacks), StringComparer.Ordinal),
        };
    }

    /// <summary>How many operations of each kind the corpus's bodies and initializers hold (what the driver hands
    /// operation actions): with the number of actions per kind, the number of callbacks a set costs.</summary>
    public IReadOnlyDictionary<Microsoft.CodeAnalysis.OperationKind, int> CountOperations()
    {
        var counts = new Dictionary<Microsoft.CodeAnalysis.OperationKind, int>();
        Walk(Compilation(ImmutableDictionary<string, ReportDiagnostic>.Empty), operation =>
            counts[operation.Kind] = counts.TryGetValue(operation.Kind, out var count) ? count + 1 : 1);
        return counts;
    }

    private static void Prebind(Compilation compilation) => Walk(compilation, static _ => { });

    private static void Walk(Compilation compilation, Action<IOperation> visit)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax or
                    Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax } or
                    Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax { Parent.Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax })
                {
                    // Operation trees are built lazily: walk them so every node exists before the timed run.
                    if (model.GetOperation(node) is { } operation)
                    {
                        foreach (var each in Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(operation))
                        {
                            visit(each);
                        }
                    }
                }
            }
        }
    }

    private CSharpCompilation Compilation(ImmutableDictionary<string, ReportDiagnostic> diagnosticOptions) =>
        CSharpCompilation.Create(
            "Corpus",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, specificDiagnosticOptions: diagnosticOptions, concurrentBuild: concurrentBuild));

    /// <summary>The median, 0 for no values; the list keeps its round order.</summary>
    internal static double Median(List<double> values) => values.Count == 0 ? 0 : Paired.Median(values).Median;

    /// <summary>The compile errors of one compilation of the corpus: how much of a folder of real code binds with the
    /// references given.</summary>
    public int CompileErrors() =>
        Compilation(ImmutableDictionary<string, ReportDiagnostic>.Empty).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    private static readonly string[] DefaultFramework =
    {
        Path.GetDirectoryName(typeof(object).Assembly.Location)!,
        Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!,
    };

    private static ImmutableArray<MetadataReference> References(IReadOnlyList<string> directories, IReadOnlyList<string> extraFolders)
    {
        // One assembly per simple name: the framework's first, then the extra folders in the order given.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return directories.Concat(extraFolders).Distinct(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"))
            .Where(p => seen.Add(Path.GetFileName(p)))
            .Where(IsManaged)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

