using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Tests.Infrastructure;

/// <summary>What one analyzer run produced: compiler errors, analyzer diagnostics, and any analyzer exception.</summary>
public sealed record AnalysisRun(
    ImmutableArray<Diagnostic> CompilerErrors,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<string> AnalyzerExceptions);

/// <summary>Runs analyzers the way the compiler host does (<see cref="CompilationWithAnalyzers"/>, concurrent,
/// with the project's .editorconfig, .globalconfig and additional files) and records every analyzer exception.</summary>
public static class AnalyzerRunner
{
    /// <summary>Analyzer failures: the compiler's, and BST0001, which Bastion's guard reports instead of letting an exception escape.</summary>
    private static readonly ImmutableHashSet<string> ExceptionIds = ImmutableHashSet.Create("AD0001", "AD0002", "BST0001");

    public static async Task<AnalysisRun> RunAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The test project produced no compilation.");
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics.Where(d => ExceptionIds.Contains(d.Id)))
        {
            exceptions.Enqueue(diagnostic.ToString());
        }

        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new AnalysisRun(errors, Sort(diagnostics.Where(d => !ExceptionIds.Contains(d.Id))), exceptions.Distinct().ToImmutableArray());
    }

    public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
}
