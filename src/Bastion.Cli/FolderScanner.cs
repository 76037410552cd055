using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Cli;

/// <summary>Folder mode: the sources under a folder compiled as the build would compile them, without MSBuild. Each
/// SDK-style <c>.csproj</c> found is one compilation of the sources under its folder (nested projects keep their own),
/// with its SDK's implicit usings, its <c>Using</c> items, its references to the other projects found, the ASP.NET Core
/// shared framework when it asks for it, and its packages when it has been restored; sources outside every project form
/// one more compilation. Configuration files are additional files of the project they sit in, and the
/// <c>.editorconfig</c>/<c>.globalconfig</c> files that apply are read as in a build. Independent projects are
/// analysed in parallel.</summary>
internal static class FolderScanner
{
    private static readonly string[] ConfigurationPatterns = { "appsettings*.json", "launchSettings.json", "web.config", "app.config" };

    /// <param name="warnings">Where a file that cannot be scanned is named (unreadable, not text, a project file that is
    /// not XML); the scan goes on without it.</param>
    /// <param name="progress">Told when each compilation is analysed, or null.</param>
    public static async Task<ScanResult> ScanAsync(string folder, TextWriter warnings, CancellationToken cancellationToken, IScanProgress? progress = null)
    {
        var root = Path.GetFullPath(folder);
        var synchronizedWarnings = TextWriter.Synchronized(warnings);
        var units = FolderUnits.Discover(root, EnumerateFiles(root, "*.csproj"), EnumerateFiles(root, "*.cs"), ConfigurationFiles(root), synchronizedWarnings);
        var configSet = AnalyzerConfigSet.Create(LoadAnalyzerConfigs(root));
        var references = new ReferenceResolver();
        var results = new ScanResult[units.Count];
        progress?.Start(units.Count);

        // Each unit's compilation is built once, when its analysis or that of a project referencing it first needs it;
        // analyses run side by side, as many as there are processors, and a compilation no other project references is
        // let go once analysed, so memory follows the largest projects, not the tree.
        var built = new Lazy<Task<BuiltUnit?>>?[units.Count];
        var indexByProject = units.Select((u, i) => (u, i)).Where(p => p.u.Project is not null)
            .GroupBy(p => p.u.Project!.Path, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var referenced = new HashSet<string>(units.SelectMany(u => u.Project?.ProjectReferences ?? Array.Empty<string>()), StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < units.Count; index++)
        {
            var unit = units[index];
            var dependencies = (unit.Project?.ProjectReferences ?? Array.Empty<string>())
                .Where(r => indexByProject.TryGetValue(r, out var i) && i < index)
                .Select(r => built[indexByProject[r]]!)
                .ToList();
            built[index] = new Lazy<Task<BuiltUnit?>>(() => Task.Run(() => CompileAsync(unit, dependencies, configSet, references, root, synchronizedWarnings, cancellationToken), cancellationToken));
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count), ScanParallelism.Options(cancellationToken), async (position, token) =>
        {
            var unit = units[position];
            var started = System.Diagnostics.Stopwatch.StartNew();
            var compilation = await built[position]!.Value.ConfigureAwait(false);
            if (unit.Project is null || !referenced.Contains(unit.Project.Path))
            {
                built[position] = null;
            }

            results[position] = compilation is null
                ? new ScanResult(unit.Folder, 0, 0, ImmutableArray<Diagnostic>.Empty, Array.Empty<string>())
                : await AnalyzeUnitAsync(compilation, unit, token).ConfigureAwait(false);
            progress?.Done(unit.Name, results[position].SourceFiles, started.Elapsed);
        }).ConfigureAwait(false);
        progress?.Finish();
        return ScanResult.Merge(root, results);
    }

    private static async Task<BuiltUnit?> CompileAsync(
        FolderUnit unit, List<Lazy<Task<BuiltUnit?>>> dependencies, AnalyzerConfigSet configSet, ReferenceResolver references,
        string root, TextWriter warnings, CancellationToken cancellationToken)
    {
        var projectReferences = new List<MetadataReference>();
        foreach (var dependency in dependencies)
        {
            if (await dependency.Value.ConfigureAwait(false) is { } compiled)
            {
                projectReferences.Add(compiled.Compilation.ToMetadataReference());
            }
        }

        var trees = new List<SyntaxTree>();
        var parseOptions = FolderCompilation.ParseOptions(unit.Project);
        foreach (var file in unit.Sources)
        {
            if (await ReadSourceAsync(file, root, warnings, cancellationToken).ConfigureAwait(false) is { } content)
            {
                trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(content), parseOptions, file, cancellationToken));
            }
        }

        if (trees.Count == 0 && unit.ConfigurationFiles.Count == 0)
        {
            return null;
        }

        var sourceCount = trees.Count;
        if (unit.Project is { } project && FolderCompilation.GlobalUsings(project, parseOptions) is { } globalUsings)
        {
            trees.Add(globalUsings);
        }

        var treeOptions = trees.ToDictionary(t => t, t => configSet.GetOptionsForSourcePath(t.FilePath));
        var metadata = unit.Project is { } p ? references.For(p, warnings, root) : references.Loose();
        var compilation = CSharpCompilation.Create(
            unit.Project?.Property("AssemblyName") is { Length: > 0 } assemblyName && !assemblyName.Contains("$(", StringComparison.Ordinal) ? assemblyName : unit.Name,
            trees,
            metadata.Concat(projectReferences),
            FolderCompilation.CompilationOptions(unit.Project).WithSyntaxTreeOptionsProvider(new FolderOptions.TreeOptionsProvider(treeOptions, configSet.GlobalConfigOptions)));
        var additionalFiles = unit.ConfigurationFiles.Select(path => (AdditionalText)new FileText(path)).ToImmutableArray();
        var options = new AnalyzerOptions(additionalFiles, new FolderOptions.ConfigOptionsProvider(treeOptions, configSet, FolderCompilation.BuildProperties(unit.Project)));
        return new BuiltUnit(compilation, options, sourceCount);
    }

    private static async Task<ScanResult> AnalyzeUnitAsync(BuiltUnit built, FolderUnit unit, CancellationToken cancellationToken)
    {
        var (diagnostics, failures) = await AnalyzeAsync(built.Compilation, built.Options, cancellationToken).ConfigureAwait(false);
        return new ScanResult(unit.Folder, built.SourceFiles, built.Options.AdditionalFiles.Length, diagnostics, failures);
    }

    private sealed record BuiltUnit(CSharpCompilation Compilation, AnalyzerOptions Options, int SourceFiles);

    /// <summary>A source's text, or null with a warning when it cannot be read or is not text.</summary>
    private static async Task<string?> ReadSourceAsync(string file, string root, TextWriter warnings, CancellationToken cancellationToken)
    {
        string content;
        try
        {
            content = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.WriteLine($"bastion: warning: cannot read '{Path.GetRelativePath(root, file)}' ({e.GetType().Name}); skipped.");
            return null;
        }

        if (content.IndexOf('\0') >= 0)
        {
            warnings.WriteLine($"bastion: warning: '{Path.GetRelativePath(root, file)}' is not a text file; skipped.");
            return null;
        }

        return content;
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
        options = new AnalyzerOptions(options.AdditionalFiles, new FolderOptions.AsCommandLineBuild(options.AnalyzerConfigOptionsProvider));
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

    /// <summary>Whether a path is under bin/, obj/, .git/ or node_modules/ below the root.</summary>
    internal static bool IsBuildOutput(string root, string path)
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

    internal sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            File.Exists(Path) ? SourceText.From(File.ReadAllText(Path)) : null;
    }
}
