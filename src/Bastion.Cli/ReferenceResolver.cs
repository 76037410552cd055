using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Bastion.Cli;

/// <summary>The metadata references folder mode gives a project: the running .NET runtime, the ASP.NET Core shared
/// framework when the project's SDK or a <c>FrameworkReference</c> asks for it, and its packages from
/// <c>obj/project.assets.json</c> when it has been restored. Each assembly is read once per scan and shared by every
/// compilation that needs it.</summary>
internal sealed class ReferenceResolver
{
    private readonly ConcurrentDictionary<string, MetadataReference> cache = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<string>> runtime;
    private readonly Lazy<IReadOnlyList<string>> aspNetCore;

    public ReferenceResolver()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        runtime = new Lazy<IReadOnlyList<string>>(() => ManagedAssemblies(runtimeDirectory));
        aspNetCore = new Lazy<IReadOnlyList<string>>(() => AspNetCoreDirectory(runtimeDirectory) is { } directory ? ManagedAssemblies(directory) : Array.Empty<string>());
    }

    /// <summary>The runtime and ASP.NET Core, as the scan of loose files (outside any project) sees them.</summary>
    public IReadOnlyList<MetadataReference> Loose() => References(runtime.Value.Concat(aspNetCore.Value));

    /// <summary>A project's references. Package assemblies the frameworks already bring are left to the frameworks (a
    /// build's conflict resolution picks the framework's, newer copy).</summary>
    public IReadOnlyList<MetadataReference> For(ProjectFile project, TextWriter warnings, string root)
    {
        var paths = new List<string>(runtime.Value);
        if (SdkUsings.ReferencesAspNetCore(project.Sdk) || project.FrameworkReferences.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase))
        {
            paths.AddRange(aspNetCore.Value);
        }

        var names = new HashSet<string>(paths.Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
        var assets = Path.Combine(project.Directory, "obj", "project.assets.json");
        if (File.Exists(assets))
        {
            try
            {
                paths.AddRange(PackageAssemblies(assets, project.Property("TargetFramework")).Where(p => names.Add(Path.GetFileNameWithoutExtension(p))));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException)
            {
                warnings.WriteLine($"bastion: warning: cannot read '{Path.GetRelativePath(root, assets)}' ({e.GetType().Name}); '{project.Name}' is scanned without its packages.");
            }
        }

        return References(paths);
    }

    private IReadOnlyList<MetadataReference> References(IEnumerable<string> paths) =>
        paths.Select(path => cache.GetOrAdd(path, p => MetadataReference.CreateFromFile(p))).ToList();

    /// <summary>The compile-time assemblies of every package in the restore's target for the project's framework (the
    /// first target when the framework is unknown or not listed).</summary>
    private static IEnumerable<string> PackageAssemblies(string assetsPath, string? targetFramework)
    {
        using var stream = File.OpenRead(assetsPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var packageFolders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var libraries = root.GetProperty("libraries");
        JsonElement? chosen = null;
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            if (chosen is null || targetFramework is not null && TargetMatches(target.Name, targetFramework))
            {
                chosen = target.Value;
            }
        }

        if (chosen is not { } libs)
        {
            yield break;
        }

        foreach (var library in libs.EnumerateObject())
        {
            if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package" ||
                !library.Value.TryGetProperty("compile", out var compile) ||
                !libraries.TryGetProperty(library.Name, out var info) || !info.TryGetProperty("path", out var libraryPath))
            {
                continue;
            }

            foreach (var file in compile.EnumerateObject().Select(f => f.Name).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                var found = packageFolders
                    .Select(folder => Path.Combine(folder, libraryPath.GetString()!, file.Replace('/', Path.DirectorySeparatorChar)))
                    .FirstOrDefault(File.Exists);
                if (found is not null)
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>"net8.0" matches the target "net8.0" and "net8.0/linux-x64"; ".NETCoreApp,Version=v8.0" is the older
    /// spelling.</summary>
    private static bool TargetMatches(string target, string framework)
    {
        var name = target.Split('/')[0];
        if (name.Equals(framework, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return framework.StartsWith("net", StringComparison.OrdinalIgnoreCase) && framework.Length > 3 &&
            name.EndsWith("Version=v" + framework[3..], StringComparison.OrdinalIgnoreCase);
    }

    private static string? AspNetCoreDirectory(string runtimeDirectory)
    {
        var sharedRoot = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory))!;
        var aspNetCore = Path.Combine(sharedRoot, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(aspNetCore))
        {
            return null;
        }

        var match = Path.Combine(aspNetCore, Path.GetFileName(runtimeDirectory));
        return Directory.Exists(match) ? match : Directory.GetDirectories(aspNetCore).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
    }

    private static IReadOnlyList<string> ManagedAssemblies(string directory) =>
        Directory.EnumerateFiles(directory, "*.dll").Where(IsManagedAssembly).OrderBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>Whether a file is a .NET assembly (a runtime folder also holds native libraries).</summary>
    internal static bool IsManagedAssembly(string path)
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
}
