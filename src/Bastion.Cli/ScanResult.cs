using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Bastion.Cli;

/// <summary>What a scan found, over how many files.</summary>
internal sealed record ScanResult(string Root, int SourceFiles, int ConfigurationFiles, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> AnalyzerFailures)
{
    /// <summary>Fingerprints of every finding of the scan, computed before a baseline filters any out (a fingerprint
    /// counts occurrences, so it must be taken over the whole scan).</summary>
    public IReadOnlyDictionary<Diagnostic, string>? Fingerprints { get; init; }

    /// <summary>How many findings a baseline hid; null when no baseline was given.</summary>
    public int? InBaseline { get; init; }

    /// <summary>One result for several compilations: findings of multi-targeted projects, or of files shared by projects, once.</summary>
    public static ScanResult Merge(string root, IReadOnlyList<ScanResult> results)
    {
        var seen = new HashSet<(string, string, int, int, string)>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
        {
            var span = diagnostic.Location.GetLineSpan();
            if (seen.Add((diagnostic.Id, span.Path ?? string.Empty, diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
            {
                diagnostics.Add(diagnostic);
            }
        }

        return new ScanResult(root, results.Sum(r => r.SourceFiles), results.Sum(r => r.ConfigurationFiles), diagnostics.ToImmutable(), results.SelectMany(r => r.AnalyzerFailures).Distinct().ToList());
    }
}
