using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace Bastion.Cli;

/// <summary>Project and solution mode: a <c>.csproj</c>, <c>.sln</c> or <c>.slnx</c> loaded with MSBuildWorkspace, so
/// every project is analysed as the build compiles it (its references, defines, language version, and the
/// <c>.editorconfig</c>/<c>.globalconfig</c> severities and options the build sees), plus the configuration files
/// under each project folder. A project that cannot be loaded falls back to folder mode for its folder, with a
/// warning.</summary>
internal static class ProjectScanner
{
    private static readonly object LocatorLock = new();

    public static bool IsProjectOrSolution(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".csproj" or ".sln" or ".slnx";

    public static async Task<ScanResult> ScanAsync(string path, bool restore, TextWriter warnings, Action<string>? progress, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var root = Path.GetDirectoryName(fullPath)!;
        var isSolution = !Path.GetExtension(fullPath).Equals(".csproj", StringComparison.OrdinalIgnoreCase);
        if (restore)
        {
            progress?.Invoke($"restoring {Path.GetFileName(fullPath)}…");
            var (exitCode, output) = await RestoreAsync(fullPath, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                warnings.WriteLine($"bastion: warning: 'dotnet restore' failed for '{path}' (exit {exitCode}); projects that need it fall back to folder mode.{Environment.NewLine}{Indent(Tail(output, 10))}");
            }
        }

        RegisterMsBuild();
        var loadFailures = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var workspace = MSBuildWorkspace.Create(new Dictionary<string, string>
        {
            // Design-time build: no need to compile or copy anything to load a project.
            ["DesignTimeBuild"] = "true",
            ["SkipCompilerExecution"] = "true",
            ["ProvideCommandLineArgs"] = "true",
        });
        // Referenced projects load as projects (their source), not as built output that may not exist yet.
        workspace.LoadMetadataForReferencedProjects = false;
#pragma warning disable CS0618 // WorkspaceFailed is the event this Workspaces version has.
        workspace.WorkspaceFailed += (_, e) =>
        {
            if (IsLoadFailure(e.Diagnostic.Kind, e.Diagnostic.Message))
            {
                var key = FailedProject(e.Diagnostic.Message) ?? fullPath;
                lock (loadFailures)
                {
                    loadFailures.TryAdd(key, e.Diagnostic.Message);
                }
            }
        };
#pragma warning restore CS0618

        progress?.Invoke($"loading {Path.GetFileName(fullPath)}…");
        ImmutableArray<Project> projects;
        if (Path.GetExtension(fullPath).Equals(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            // This Workspaces version reads only .sln; a .slnx lists its projects in plain XML.
            var builder = ImmutableArray.CreateBuilder<Project>();
            foreach (var projectPath in SlnxProjects(fullPath, path))
            {
                try
                {
                    builder.Add(await workspace.OpenProjectAsync(projectPath, cancellationToken: cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    lock (loadFailures)
                    {
                        loadFailures.TryAdd(projectPath, e.Message);
                    }
                }
            }

            projects = builder.ToImmutable();
        }
        else if (isSolution)
        {
            Solution solution;
            try
            {
                solution = await workspace.OpenSolutionAsync(fullPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ScanInputException($"cannot load solution '{path}': {FirstLine(e.Message)}");
            }

            projects = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToImmutableArray();
        }
        else
        {
            try
            {
                projects = ImmutableArray.Create(await workspace.OpenProjectAsync(fullPath, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (loadFailures)
                {
                    loadFailures.TryAdd(fullPath, e.Message);
                }

                projects = ImmutableArray<Project>.Empty;
            }
        }

        if (projects.IsEmpty && loadFailures.Count == 0)
        {
            throw new ScanInputException($"'{path}' has no C# project.");
        }

        var results = new List<ScanResult>();
        var loaded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var project in projects)
        {
            index++;
            progress?.Invoke($"analysing {project.Name} ({index}/{projects.Length})…");
            var projectPath = project.FilePath ?? fullPath;
            var failure = loadFailures.TryGetValue(projectPath, out var message) ? message : null;
            var compilation = failure is null ? await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) : null;
            if (compilation is null || !project.Documents.Any())
            {
                continue;
            }

            loaded.Add(projectPath);
            results.Add(await AnalyzeAsync(project, compilation, cancellationToken).ConfigureAwait(false));
        }

        // Projects the workspace could not load (or loaded empty): their folders, in folder mode, each with a warning.
        foreach (var projectPath in FailedProjects(projects, loadFailures, fullPath).Where(p => !loaded.Contains(p)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var reason = loadFailures.TryGetValue(projectPath, out var message) ? FirstLine(message) : "it has no C# documents after loading";
            var folder = Path.GetDirectoryName(projectPath)!;
            if (!Directory.Exists(folder))
            {
                warnings.WriteLine($"bastion: warning: cannot load project '{Path.GetRelativePath(root, projectPath)}' ({reason}), and its folder does not exist; skipped.");
                continue;
            }

            warnings.WriteLine($"bastion: warning: cannot load project '{Path.GetRelativePath(root, projectPath)}' ({reason}); scanning its folder without the project's references.");
            results.Add(await FolderScanner.ScanAsync(folder, warnings, cancellationToken).ConfigureAwait(false));
        }

        return Merge(root, results);
    }

    /// <summary>Whether a workspace diagnostic means the project did not load. MSBuild's warnings come as failures too
    /// (a restore that substituted a package version, NU1603): a project whose build only warned loaded fine.</summary>
    internal static bool IsLoadFailure(WorkspaceDiagnosticKind kind, string message) =>
        kind == WorkspaceDiagnosticKind.Failure &&
        !(message.Contains(": warning ", StringComparison.Ordinal) && !message.Contains(": error ", StringComparison.Ordinal));

    private static IEnumerable<string> FailedProjects(ImmutableArray<Project> projects, Dictionary<string, string> loadFailures, string fullPath)
    {
        foreach (var project in projects)
        {
            if (project.FilePath is { } projectPath && (loadFailures.ContainsKey(projectPath) || !project.Documents.Any()))
            {
                yield return projectPath;
            }
        }

        foreach (var failed in loadFailures.Keys)
        {
            if (failed.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                yield return failed;
            }
        }
    }

    private static async Task<ScanResult> AnalyzeAsync(Project project, Compilation compilation, CancellationToken cancellationToken)
    {
        // The project's own additional files, and the configuration files under its folder (as the package's build
        // integration adds them).
        var additional = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
        foreach (var document in project.AdditionalDocuments)
        {
            if (document.FilePath is { } documentPath)
            {
                additional[documentPath] = new FolderScanner.FileText(documentPath);
            }
        }

        var folder = Path.GetDirectoryName(project.FilePath)!;
        foreach (var file in FolderScanner.ConfigurationFiles(folder))
        {
            additional.TryAdd(file, new FolderScanner.FileText(file));
        }

        var texts = additional.Values.OrderBy(t => t.Path, StringComparer.Ordinal).ToImmutableArray();
        var configuration = await ProjectKind.WithIsTestProjectAsync(project, compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, cancellationToken).ConfigureAwait(false);
        var options = new AnalyzerOptions(texts, configuration);
        var (diagnostics, failures) = await FolderScanner.AnalyzeAsync(compilation, options, cancellationToken).ConfigureAwait(false);
        return new ScanResult(folder, project.Documents.Count(), texts.Length, diagnostics, failures);
    }

    /// <summary>One result for the solution: findings of multi-targeted projects, or of files shared by projects, once.</summary>
    private static ScanResult Merge(string root, List<ScanResult> results)
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

    /// <summary>The C# projects a <c>.slnx</c> lists (<c>&lt;Project Path="…"/&gt;</c>, in folders too), as full paths.</summary>
    private static List<string> SlnxProjects(string fullPath, string path)
    {
        System.Xml.Linq.XDocument document;
        try
        {
            document = System.Xml.Linq.XDocument.Load(fullPath);
        }
        catch (System.Xml.XmlException e)
        {
            throw new ScanInputException($"cannot read solution '{path}': {e.Message}");
        }

        if (document.Root?.Name.LocalName != "Solution")
        {
            throw new ScanInputException($"cannot read solution '{path}': its root element is not <Solution>.");
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        return document.Descendants()
            .Where(e => e.Name.LocalName == "Project" && e.Attribute("Path") is not null)
            .Select(e => Path.GetFullPath(Path.Combine(folder, e.Attribute("Path")!.Value.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>MSBuild from the .NET SDK that runs this tool; once per process.</summary>
    private static void RegisterMsBuild()
    {
        lock (LocatorLock)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RestoreAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--verbosity");
        start.ArgumentList.Add("quiet");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new ScanInputException("cannot start 'dotnet restore'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    /// <summary>The project file a workspace failure names ("Msbuild failed when processing the file '…/A.csproj' with
    /// message: …").</summary>
    private static string? FailedProject(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = message.IndexOf('\'', start + 1);
            if (end < 0)
            {
                return null;
            }

            var candidate = message.Substring(start + 1, end - start - 1);
            if (candidate.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                return Path.GetFullPath(candidate);
            }

            start = message.IndexOf('\'', end + 1);
        }

        return null;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).TakeLast(lines));

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split(Environment.NewLine).Select(l => "  " + l));
}

/// <summary>Input the scanner cannot use (a broken solution, a project list it cannot read): exit code 2.</summary>
internal sealed class ScanInputException(string message) : Exception(message);
