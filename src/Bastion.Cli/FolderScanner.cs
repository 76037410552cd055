using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Cli;

/// <summary>Folder mode: every <c>.cs</c> file under a folder in one compilation against the running runtime's
/// assemblies (and ASP.NET Core's, when installed), configuration files as additional files, and the
/// <c>.editorconfig</c>/<c>.globalconfig</c> files that apply, as in a build.</summary>
internal static class FolderScanner
{
    private static readonly string[] ConfigurationPatterns = { "appsettings*.json", "launchSettings.json", "web.config", "app.config" };

    /// <param name="warnings">Where a file that cannot be scanned is named (unreadable, or not text); the scan goes on
    /// without it.</param>
    public static async Task<ScanResult> ScanAsync(string folder, TextWriter warnings, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var sourceFiles = new List<string>();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        foreach (var file in EnumerateFiles(root, "*.cs"))
        {
            string content;
            try
            {
                content = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warnings.WriteLine($"bastion: warning: cannot read '{Path.GetRelativePath(root, file)}' ({e.GetType().Name}); skipped.");
                continue;
            }

            if (content.IndexOf('\0') >= 0)
            {
                warnings.WriteLine($"bastion: warning: '{Path.GetRelativePath(root, file)}' is not a text file; skipped.");
                continue;
            }

            sourceFiles.Add(file);
            trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(content), parseOptions, file, cancellationToken));
        }

        var additionalFiles = ConfigurationFiles(root)
            .Select(path => (AdditionalText)new FileText(path))
            .ToImmutableArray();

        var configSet = AnalyzerConfigSet.Create(LoadAnalyzerConfigs(root));
        var treeOptions = trees.ToDictionary(t => t, t => configSet.GetOptionsForSourcePath(t.FilePath));
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSyntaxTreeOptionsProvider(new TreeOptionsProvider(treeOptions, configSet.GlobalConfigOptions));
        var compilation = CSharpCompilation.Create("BastionScan", trees, RuntimeReferences(), compilationOptions);

        var options = new AnalyzerOptions(additionalFiles, new ConfigOptionsProvider(treeOptions, configSet, additionalFiles));
        var (diagnostics, failures) = await AnalyzeAsync(compilation, options, cancellationToken).ConfigureAwait(false);
        return new ScanResult(root, sourceFiles.Count, additionalFiles.Length, diagnostics, failures);
    }

    /// <summary>The configuration files under a folder that Bastion reads (bin/ and obj/ skipped).</summary>
    public static IEnumerable<string> ConfigurationFiles(string root) =>
        ConfigurationPatterns.SelectMany(pattern => EnumerateFiles(root, pattern)).Distinct(StringComparer.Ordinal);

    /// <summary>Every Bastion analyzer over one compilation; analyzer exceptions are collected by analyzer and type (never
    /// their message, which may quote code). The scan analyses whole compilations and runs their compilation-end actions,
    /// as a command-line build does, so the analyzers are told so (<see cref="AsCommandLineBuild"/>).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Failures)> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        options = new AnalyzerOptions(options.AdditionalFiles, new AsCommandLineBuild(options.AnalyzerConfigOptionsProvider));
        var withAnalyzers = compilation.WithAnalyzers(
            AnalyzerCatalog.All,
            new CompilationWithAnalyzersOptions(options, (exception, analyzer, _) => { lock (failures) { failures.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}"); } }, true, false, false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return (diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToImmutableArray(), failures);
    }

    private static IEnumerable<string> EnumerateFiles(string root, string pattern) =>
        Directory.EnumerateFiles(root, pattern, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.None })
            .Where(path => !IsBuildOutput(root, path))
            .OrderBy(path => path, StringComparer.Ordinal);

    private static bool IsBuildOutput(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
        return relative.Any(part => part is "bin" or "obj" or ".git" or "node_modules");
    }

    /// <summary>Every .editorconfig from the folder up to the first <c>root = true</c>, and the .globalconfig files
    /// in the folder tree, as MSBuild would find them for these sources.</summary>
    private static List<AnalyzerConfig> LoadAnalyzerConfigs(string root)
    {
        var configs = new List<AnalyzerConfig>();
        foreach (var path in EnumerateFiles(root, ".editorconfig").Concat(EnumerateFiles(root, ".globalconfig")))
        {
            configs.Add(AnalyzerConfig.Parse(File.ReadAllText(path), path));
        }

        for (var directory = Directory.GetParent(root); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, ".editorconfig");
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path);
                configs.Add(AnalyzerConfig.Parse(text, path));
                if (IsRootConfig(text))
                {
                    break;
                }
            }
        }

        return configs;
    }

    /// <summary><c>root = true</c> before the first section ends the search upwards, as in MSBuild.</summary>
    private static bool IsRootConfig(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('['))
            {
                return false;
            }

            var parts = line.Split('=', 2);
            if (parts.Length == 2 && parts[0].Trim().Equals("root", StringComparison.OrdinalIgnoreCase) &&
                parts[1].Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<MetadataReference> RuntimeReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var directories = new List<string> { runtimeDirectory };
        var sharedRoot = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory))!;
        var aspNetCore = Path.Combine(sharedRoot, "Microsoft.AspNetCore.App");
        if (Directory.Exists(aspNetCore))
        {
            var version = Path.GetFileName(runtimeDirectory);
            var match = Path.Combine(aspNetCore, version);
            directories.Add(Directory.Exists(match) ? match : Directory.GetDirectories(aspNetCore).OrderBy(d => d, StringComparer.Ordinal).Last());
        }

        return directories
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"))
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    internal sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            File.Exists(Path) ? SourceText.From(File.ReadAllText(Path)) : null;
    }

    private sealed class TreeOptionsProvider(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> options, AnalyzerConfigOptionsResult global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (options.TryGetValue(tree, out var result) && result.TreeOptions.TryGetValue(diagnosticId, out severity))
            {
                return true;
            }

            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            global.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> treeOptions;
        private readonly AnalyzerConfigSet set;

        public ConfigOptionsProvider(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> treeOptions, AnalyzerConfigSet set, ImmutableArray<AdditionalText> additionalFiles)
        {
            this.treeOptions = treeOptions;
            this.set = set;
            GlobalOptions = new DictionaryOptions(set.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            new DictionaryOptions(treeOptions.TryGetValue(tree, out var result) ? result.AnalyzerOptions : set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new DictionaryOptions(set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);
    }

    /// <summary>The options of a project or folder, plus the build property the package sets in a command-line build
    /// (<c>BastionDeferCallGraphSearch</c>): the rules whose search across methods can wait for compilation end let it
    /// wait, instead of binding callees ahead of the driver. A project's own value, or Bastion's
    /// <c>bastion.dataflow.defer_call_graph_search</c> option, still decides.</summary>
    private sealed class AsCommandLineBuild(AnalyzerConfigOptionsProvider inner) : AnalyzerConfigOptionsProvider
    {
        private const string DeferProperty = "build_property.BastionDeferCallGraphSearch";

        public override AnalyzerConfigOptions GlobalOptions { get; } = new WithDefault(inner.GlobalOptions, DeferProperty, "true");

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner.GetOptions(textFile);

        private sealed class WithDefault(AnalyzerConfigOptions options, string key, string value) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string name, out string result)
            {
                if (options.TryGetValue(name, out result!) && !(name == key && string.IsNullOrWhiteSpace(result)))
                {
                    return true;
                }

                result = value;
                return name == key;
            }

            public override IEnumerable<string> Keys => options.Keys.Append(key).Distinct(StringComparer.Ordinal);
        }
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

internal sealed record ScanResult(string Root, int SourceFiles, int ConfigurationFiles, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> AnalyzerFailures)
{
    /// <summary>Fingerprints of every finding of the scan, computed before a baseline filters any out (a fingerprint
    /// counts occurrences, so it must be taken over the whole scan).</summary>
    public IReadOnlyDictionary<Diagnostic, string>? Fingerprints { get; init; }

    /// <summary>How many findings a baseline hid; null when no baseline was given.</summary>
    public int? InBaseline { get; init; }
}

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

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}
