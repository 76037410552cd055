using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Cli;

/// <summary>All analyzers in the Bastion.Analyzers assembly.</summary>
internal static class AnalyzerCatalog
{
    /// <summary>The IDs of the rules that have a code fix.</summary>
    public static ImmutableHashSet<string> Fixable { get; } = typeof(Bastion.CodeFixes.Exposure.ReplaceExposedValueCodeFix).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
        .SelectMany(t => ((Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
        .ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>Every rule, by ID; not BST0001, which is about Bastion itself.</summary>
    public static IEnumerable<DiagnosticDescriptor> Rules => All.SelectMany(a => a.SupportedDiagnostics)
        .Where(d => !d.CustomTags.Contains(Bastion.Analyzers.Infrastructure.BastionAnalyzer.InternalTag))
        .GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal);

    /// <summary>A rule's default level in .editorconfig's words: error, warning, suggestion, silent, or none when off.</summary>
    public static string Level(DiagnosticDescriptor rule) =>
        !rule.IsEnabledByDefault ? "none" : rule.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "suggestion",
            _ => "silent",
        };

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}
