using System.Collections.Immutable;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Hosting;

/// <summary>Whether a rule's diagnostics can be reported in a compilation, decided as the compiler decides it for a
/// diagnostic: <c>/nowarn</c>, <c>/warnaserror:id</c> and rule sets first; then a tree's <c>.editorconfig</c> or the
/// <c>.globalconfig</c> (<c>dotnet_diagnostic.ID.severity</c>); then bulk settings by category or for all analyzers
/// (<c>dotnet_analyzer_diagnostic.category-Security.severity</c>, <c>dotnet_analyzer_diagnostic.severity</c>); then the
/// rule's default. A rule may report if one of its diagnostics is not <c>none</c> in one tree (or, with no trees,
/// globally: additional files only).</summary>
internal static class RuleSeverity
{
    private const string AllAnalyzersKey = "dotnet_analyzer_diagnostic.severity";

    public static bool MayReport(ImmutableArray<DiagnosticDescriptor> descriptors, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        foreach (var descriptor in descriptors)
        {
            if (MayReport(descriptor, compilation, options, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MayReport(DiagnosticDescriptor descriptor, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
        {
            return IsOn(specific, descriptor);
        }

        // A .globalconfig setting applies to every tree without one of its own: looked up once.
        var treeOptions = compilation.Options.SyntaxTreeOptionsProvider;
        var global = ReportDiagnostic.Default;
        var hasGlobal = treeOptions is not null && treeOptions.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out global);
        var categoryKey = "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity";
        var anyTree = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            anyTree = true;
            var configured = treeOptions is not null && treeOptions.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var own) ? own
                : hasGlobal ? global
                : Bulk(options.AnalyzerConfigOptionsProvider.GetOptions(tree), categoryKey);
            if (IsOn(configured, descriptor))
            {
                return true;
            }
        }

        if (anyTree)
        {
            return false;
        }

        return IsOn(hasGlobal ? global : Bulk(options.AnalyzerConfigOptionsProvider.GlobalOptions, categoryKey), descriptor);
    }

    /// <summary>The bulk setting that applies, or <see cref="ReportDiagnostic.Default"/> when there is none.</summary>
    private static ReportDiagnostic Bulk(AnalyzerConfigOptions options, string categoryKey) =>
        options.TryGetValue(categoryKey, out var value) || options.TryGetValue(AllAnalyzersKey, out value)
            ? Parse(value)
            : ReportDiagnostic.Default;

    private static bool IsOn(ReportDiagnostic report, DiagnosticDescriptor descriptor) => report switch
    {
        ReportDiagnostic.Suppress => false,
        ReportDiagnostic.Default => descriptor.IsEnabledByDefault,
        _ => true,
    };

    /// <summary>The values an <c>.editorconfig</c> severity may take; anything else leaves the default.</summary>
    private static ReportDiagnostic Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => ReportDiagnostic.Suppress,
        "silent" or "refactoring" => ReportDiagnostic.Hidden,
        "suggestion" => ReportDiagnostic.Info,
        "warning" => ReportDiagnostic.Warn,
        "error" => ReportDiagnostic.Error,
        _ => ReportDiagnostic.Default,
    };
}
