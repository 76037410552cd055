using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

internal sealed record Measurement(string Set, double AnalyzerSeconds, double WallSeconds, int Diagnostics, int Exceptions, IReadOnlyDictionary<string, double> PerAnalyzer);

/// <summary>Runs one set over one corpus, in this process, one fresh compilation per run (so no run reuses another's
/// binding), and takes medians. Analyzer time is the compiler driver's own per-analyzer telemetry.</summary>
internal sealed class Runner
{
    private readonly ImmutableArray<SyntaxTree> trees;
    private readonly ImmutableArray<MetadataReference> references;
    private readonly int runs;
    private readonly bool prebind;
    private readonly bool concurrent;
    private readonly AnalyzerOptions analyzerOptions;

    /// <param name="eager">Analyse as an editor does, binding callees ahead of the driver, instead of as a command-line
    /// build does (the package sets <c>BastionDeferCallGraphSearch</c> there, and so does this runner by default).</param>
    public Runner(IReadOnlyList<(string Path, string Text)> files, int runs, bool prebind = false, bool concurrent = false, bool eager = false)
    {
        this.prebind = prebind;
        this.concurrent = concurrent;
        analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["build_property.BastionDeferCallGraphSearch"] = eager ? "false" : "true" }));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, "/corpus/" + f.Path)).ToImmutableArray();
        references = References();
        this.runs = runs;
        Lines = files.Sum(f => f.Text.Count(c => c == '\n') + 1);
    }

    public int Lines { get; }

    public async Task<Measurement> MeasureAsync(AnalyzerSet set)
    {
        var analyzerTimes = new List<double>();
        var wallTimes = new List<double>();
        var perAnalyzer = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var diagnostics = 0;
        var exceptions = 0;
        // One unmeasured run first: JIT and first-use costs belong to no analyzer.
        for (var attempt = -1; attempt < runs; attempt++)
        {
            var run = Math.Max(attempt, 0);
            if (attempt == 0)
            {
                analyzerTimes.Clear();
                wallTimes.Clear();
                perAnalyzer.Clear();
            }

            var compilation = Compilation(set.Options);

            // Untimed: start every run from a collected heap, so a collection the previous run left pending is not
            // charged to whichever analyzer happens to be running when it comes.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var stopwatch = Stopwatch.StartNew();
            if (set.Analyzers.IsEmpty)
            {
                diagnostics = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                wallTimes.Add(stopwatch.Elapsed.TotalSeconds);
                analyzerTimes.Add(stopwatch.Elapsed.TotalSeconds);
                continue;
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
            wallTimes.Add(stopwatch.Elapsed.TotalSeconds);
            diagnostics = found.Count(d => d.Severity != DiagnosticSeverity.Hidden);
            exceptions = thrown;
            var total = 0.0;
            foreach (var analyzer in set.Analyzers)
            {
                var seconds = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds;
                total += seconds;
                var name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out var list))
                {
                    perAnalyzer[name] = list = new List<double>();
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

            analyzerTimes.Add(total);
        }

        return new Measurement(set.Name, Median(analyzerTimes), Median(wallTimes), diagnostics, exceptions,
            perAnalyzer.ToDictionary(p => p.Key, p => Median(p.Value), StringComparer.Ordinal));
    }

    private static void Prebind(Compilation compilation)
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
                        foreach (var _ in Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(operation))
                        {
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
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, specificDiagnosticOptions: diagnosticOptions));

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var directories = new[]
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!,
        };

        return directories.Distinct(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"))
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

/// <summary>Global options only, as MSBuild hands a project's compiler-visible properties to the analyzers.</summary>
internal sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
{
    public GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) => GlobalOptions = new Options(values);

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> values;

        public Options(IReadOnlyDictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
