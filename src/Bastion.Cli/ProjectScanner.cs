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

    public static async Task<ScanResult> ScanAsync(string path, bool restore, TextWriter warnings, IScanProgress? progress, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var root = Path.GetDirectoryName(fullPath)!;
        var isSolution = !Path.GetExtension(fullPath).Equals(".csproj", StringComparison.OrdinalIgnoreCase);
        if (restore)
        {
            progress?.Status($"restoring {Path.GetFileName(fullPath)}…");
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

        progress?.Status($"loading {Path.GetFileName(fullPath)}…");
        ImmutableArray<Project> projects;
        if (Path.GetExtension(fullPath).Equals(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            // This Workspaces version reads only .sln, and loads a solution's projects much faster than one by one: the
            // projects a .slnx lists go into a temporary .sln (outside the user's folders), deleted once loaded.
            var listed = SlnxProjects(fullPath, path);
            var temporary = Directory.CreateTempSubdirectory("bastion-slnx-");
            try
            {
                var solutionPath = Path.Combine(temporary.FullName, Path.GetFileNameWithoutExtension(fullPath) + ".sln");
                await File.WriteAllTextAsync(solutionPath, SolutionText(listed), cancellationToken).ConfigureAwait(false);
                projects = (await workspace.OpenSolutionAsync(solutionPath, cancellationToken: cancellationToken).ConfigureAwait(false))
                    .Projects.Where(p => p.Language == LanguageNames.CSharp).ToImmutableArray();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ScanInputException($"cannot load solution '{path}': {FirstLine(e.Message)}");
            }
            finally
            {
                temporary.Delete(recursive: true);
            }

            foreach (var missing in listed.Where(l => !projects.Any(p => string.Equals(p.FilePath, l, StringComparison.OrdinalIgnoreCase))))
            {
                lock (loadFailures)
                {
                    loadFailures.TryAdd(missing, "the project did not load");
                }
            }
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

        // Projects are analysed side by side, as many as there are processors, their results kept in project order.
        var analysed = new ScanResult?[projects.Length];
        progress?.Start(projects.Length);
        await Parallel.ForEachAsync(Enumerable.Range(0, projects.Length), ScanParallelism.Options(cancellationToken), async (position, token) =>
        {
            var project = projects[position];
            var started = Stopwatch.StartNew();
            bool failed;
            lock (loadFailures)
            {
                failed = loadFailures.ContainsKey(project.FilePath ?? fullPath);
            }

            var compilation = failed ? null : await project.GetCompilationAsync(token).ConfigureAwait(false);
            if (compilation is not null && project.Documents.Any())
            {
                analysed[position] = await AnalyzeAsync(project, compilation, token).ConfigureAwait(false);
                progress?.Done(project.Name, analysed[position]!.SourceFiles, started.Elapsed);
            }
        }).ConfigureAwait(false);

        var results = analysed.OfType<ScanResult>().ToList();
        var loaded = new HashSet<string>(projects.Where((_, i) => analysed[i] is not null).Select(p => p.FilePath ?? fullPath), StringComparer.OrdinalIgnoreCase);
        progress?.Finish();
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

        return ScanResult.Merge(root, results);
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
        // The project's own sources: not what the build generates under obj/ (global usings, assembly attributes).
        var sources = project.Documents.Count(d => d.FilePath is { } file && !FolderScanner.IsBuildOutput(folder, file));
        return new ScanResult(folder, sources, texts.Length, diagnostics, failures);
    }

    /// <summary>A <c>.sln</c> listing the given projects by full path, in the Debug configuration.</summary>
    private static string SolutionText(IReadOnlyList<string> projectPaths)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("Microsoft Visual Studio Solution File, Format Version 12.00");
        var ids = projectPaths.Select((_, i) => $"{{{new Guid(i + 1, 0, 0, new byte[8]).ToString().ToUpperInvariant()}}}").ToList();
        for (var i = 0; i < projectPaths.Count; i++)
        {
            text.AppendLine($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{Path.GetFileNameWithoutExtension(projectPaths[i])}\", \"{projectPaths[i]}\", \"{ids[i]}\"");
            text.AppendLine("EndProject");
        }

        text.AppendLine("Global");
        text.AppendLine("\tGlobalSection(SolutionConfigurationPlatforms) = preSolution");
        text.AppendLine("\t\tDebug|Any CPU = Debug|Any CPU");
        text.AppendLine("\tEndGlobalSection");
        text.AppendLine("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution");
        foreach (var id in ids)
        {
            text.AppendLine($"\t\t{id}.Debug|Any CPU.ActiveCfg = Debug|Any CPU");
            text.AppendLine($"\t\t{id}.Debug|Any CPU.Build.0 = Debug|Any CPU");
        }

        text.AppendLine("\tEndGlobalSection");
        text.AppendLine("EndGlobal");
        return text.ToString();
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
