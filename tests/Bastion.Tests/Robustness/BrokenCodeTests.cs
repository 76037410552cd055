using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Tests.Catalogue;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Bastion.Tests.Robustness;

/// <summary>Every analyzer on broken code — seeded, reproducible mutations of every C# source the test suite holds and
/// of the sample app: random truncations and random token deletions — and on analysis cancelled at random points. No
/// exception, and a cancelled run leaves nothing behind that changes the next run's answer.</summary>
[Trait("Category", "Slow")]
public sealed class BrokenCodeTests
{
    private const int Seed = 20261121;
    private const int TreesPerCompilation = 60;

    private static readonly ImmutableArray<MetadataReference> References = TestReferences.Default
        .Add(TestReferences.FromAssembly(typeof(Serilog.Log).Assembly))
        .Add(TestReferences.FromAssembly(typeof(NLog.LogManager).Assembly))
        .Add(TestReferences.FromAssembly(typeof(System.Configuration.ConfigurationManager).Assembly))
        .Add(StubLibraries.SqlClient)
        .Add(StubLibraries.SystemWeb);

    /// <summary>The C# test sources in the suite: every raw string literal of the test files that reads as C#, with its
    /// markup taken out.</summary>
    internal static IReadOnlyList<string> TestSources()
    {
        var sources = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "Bastion.Tests"), "*Tests.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.ValueText is not { } text ||
                    !(text.Contains("class ", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal)))
                {
                    continue;
                }

                try
                {
                    sources.Add(Markup.Parse(text, "/0/Test.cs").Text);
                }
                catch (FormatException)
                {
                    sources.Add(text);
                }
            }
        }

        return sources;
    }

    private static IReadOnlyList<string> SampleSources() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();

    /// <summary>A cut at a random offset, and two copies with one to three random tokens deleted.</summary>
    private static IEnumerable<string> Mutations(string source, Random random, int count)
    {
        if (source.Length < 2)
        {
            yield break;
        }

        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        for (var i = 0; i < count; i++)
        {
            if (i % 3 == 0 || tokens.Count == 0)
            {
                yield return source.Substring(0, random.Next(1, source.Length));
                continue;
            }

            var deleted = source;
            foreach (var token in tokens.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).OrderByDescending(t => t.SpanStart))
            {
                deleted = deleted.Remove(token.SpanStart, token.Span.Length);
            }

            yield return deleted;
        }
    }

    [Fact]
    public async Task RandomTruncationsAndTokenDeletions_OfEveryTestSource_NoAnalyzerThrows()
    {
        var random = new Random(Seed);
        var sources = TestSources();
        Assert.True(sources.Count > 200, $"expected the suite's test sources, found {sources.Count}");
        var mutated = sources.SelectMany(s => Mutations(s, random, 3)).ToList();
        await AnalyzeInBatchesAsync(mutated, "test source");
    }

    [Fact]
    public async Task RandomTruncationsAndTokenDeletions_OfTheSample_NoAnalyzerThrows()
    {
        var random = new Random(Seed);
        var sources = SampleSources();
        Assert.NotEmpty(sources);
        await AnalyzeInBatchesAsync(sources.SelectMany(s => Mutations(s, random, 30)).ToList(), "sample");
    }

    private static async Task AnalyzeInBatchesAsync(List<string> sources, string what)
    {
        for (var start = 0; start < sources.Count; start += TreesPerCompilation)
        {
            var batch = sources.Skip(start).Take(TreesPerCompilation).ToList();
            var compilation = Compile(batch);
            var failures = await AnalyzeAsync(compilation, CancellationToken.None);
            if (failures.Count > 0)
            {
                // Name the mutated source that failed, so the failure can be reproduced from the seed.
                throw new Xunit.Sdk.XunitException($"{what} batch at {start} (seed {Seed}):\n{string.Join("\n", failures)}");
            }
        }
    }

    [Fact]
    public async Task RandomCancellation_NeverCausesAnAnalyzerException_AndLeavesNoStaleState()
    {
        var compilation = Compile(SampleSources());
        var clean = await CleanRunAsync(compilation);

        // Cancel somewhere inside a warm run, however fast this machine makes one.
        var timer = System.Diagnostics.Stopwatch.StartNew();
        await CleanRunAsync(compilation);
        var warm = Math.Max(2, (int)timer.ElapsedMilliseconds);
        var random = new Random(Seed);
        var completed = 0;
        for (var run = 0; run < 20; run++)
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, warm)));
            try
            {
                var failures = await AnalyzeAsync(compilation, cancellation.Token);
                Assert.True(failures.Count == 0, string.Join("\n", failures));
                completed++;
            }
            catch (OperationCanceledException)
            {
                // Expected: the run was cancelled.
            }
        }

        // The engines' caches live per compilation: a cancelled run must not have left half an answer in them.
        Assert.Equal(clean, await CleanRunAsync(compilation));
        Assert.True(completed < 20, "no run was cancelled; the delays no longer reach into the analysis");
    }

    private static async Task<IReadOnlyList<string>> CleanRunAsync(CSharpCompilation compilation)
    {
        var diagnostics = new List<string>();
        var failures = await AnalyzeAsync(compilation, CancellationToken.None, diagnostics);
        Assert.Empty(failures);
        Assert.NotEmpty(diagnostics);
        return diagnostics;
    }

    private static CSharpCompilation Compile(IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "Broken",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"/0/Broken{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static async Task<List<string>> AnalyzeAsync(CSharpCompilation compilation, CancellationToken cancellationToken, List<string>? diagnostics = null)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (e, a, _) =>
            {
                if (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    lock (failures)
                    {
                        failures.Add(a.GetType().Name + ": " + e);
                    }
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var found = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        foreach (var diagnostic in found)
        {
            if (diagnostic.Id is "AD0001" or "AD0002" or "BST0001")
            {
                failures.Add(diagnostic.ToString());
            }
        }

        diagnostics?.AddRange(found.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal));
        return failures;
    }
}
