using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Tests.Catalogue;

/// <summary>Everything Bastion ships, found by reflection: analyzers, their rules and options, and fixers.</summary>
public static class RuleCatalog
{
    public static readonly Assembly AnalyzerAssembly = typeof(RuleIdentifiers).Assembly;
    public static readonly Assembly CodeFixAssembly = typeof(Bastion.CodeFixes.Secrets.HardcodedCredentialCodeFix).Assembly;

    /// <summary>Every rule class (each a <see cref="BastionAnalyzer"/>); they ship inside <see cref="BastionRulesAnalyzer"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(BastionAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = CodeFixAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every rule; not BST0001, which every analyzer supports and which is about Bastion, not the code.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Rules { get; } = Analyzers
        .SelectMany(a => RulesOf(a))
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static System.Collections.Generic.IEnumerable<DiagnosticDescriptor> RulesOf(DiagnosticAnalyzer analyzer) =>
        analyzer.SupportedDiagnostics.Where(d => !d.CustomTags.Contains("bastion-internal"));

    /// <summary>The option names an analyzer reads, by convention a static <c>OptionNames</c> field.</summary>
    public static ImmutableArray<string> OptionNames(DiagnosticAnalyzer analyzer) =>
        analyzer.GetType().GetField("OptionNames", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null) is ImmutableArray<string> names
            ? names
            : ImmutableArray<string>.Empty;

    public static IEnumerable<int> Cwes(DiagnosticDescriptor rule) =>
        rule.CustomTags.Where(t => t.StartsWith("CWE-", StringComparison.Ordinal)).Select(t => int.Parse(t.Substring(4), System.Globalization.CultureInfo.InvariantCulture));

    public static bool HasFix(string id) => Fixers.Any(f => f.FixableDiagnosticIds.Contains(id));

    /// <summary>The level as .editorconfig names it, as the scanner's <c>rules</c> command prints it.</summary>
    public static string DefaultSeverity(DiagnosticDescriptor rule) => Bastion.Cli.AnalyzerCatalog.Level(rule);

    /// <summary>The table of BST1003's page, between its <c>formats:start</c> and <c>formats:end</c> markers.</summary>
    public static string FormatTable()
    {
        var builder = new StringBuilder();
        builder.Append("| ID | Vendor | Format | Pattern | Check |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var format in Bastion.Analyzers.Shared.Formats.TokenCatalog.All)
        {
            var check = format.Validation switch
            {
                Bastion.Analyzers.Shared.Formats.TokenValidation.Crc32Base62 => "CRC-32 checksum",
                Bastion.Analyzers.Shared.Formats.TokenValidation.JwtHeader => "JSON header",
                Bastion.Analyzers.Shared.Formats.TokenValidation.PrivateKeyBlock => "key body",
                _ => string.Empty,
            };
            builder.Append($"| `{format.Id}` | {format.Vendor} | {format.Description} | `{format.Pattern.Text}` | {check} |\n");
        }

        return builder.ToString();
    }

    /// <summary>The rule table of the README, between its <c>rules:start</c> and <c>rules:end</c> markers.</summary>
    public static string MarkdownTable()
    {
        var builder = new StringBuilder();
        builder.Append("| ID | Title | CWE | Default | Code fix |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var rule in Rules)
        {
            var cwes = string.Join(", ", Cwes(rule).Select(c => $"CWE-{c}"));
            builder.Append($"| [{rule.Id}](docs/rules/{rule.Id}.md) | {rule.Title} | {cwes} | {DefaultSeverity(rule)} | {(HasFix(rule.Id) ? "yes" : "no")} |\n");
        }

        return builder.ToString();
    }
}
