using System.Xml;
using System.Xml.Linq;

namespace Bastion.Cli;

/// <summary>What folder mode reads of a <c>.csproj</c> without MSBuild: its SDK, the properties that shape the
/// compilation (from the project and the nearest <c>Directory.Build.props</c>, the project winning), its <c>Using</c>
/// items, and its project, package and framework references. Elements with a <c>Condition</c> are skipped: folder
/// mode cannot evaluate them, and an unconditional reading is what most projects mean.</summary>
internal sealed record ProjectFile(
    string Path,
    string? Sdk,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<UsingItem> Usings,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> FrameworkReferences)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    public bool IsEnabled(string name) => Property(name)?.Trim().ToUpperInvariant() is "TRUE" or "ENABLE";

    /// <summary>As MSBuild decides: an explicit <c>IsTestProject</c>, else the test SDK's package (whose props set it),
    /// else the MSTest SDK. Never a test or mocking library alone.</summary>
    public bool IsTestProject =>
        Property("IsTestProject") is { } value
            ? value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)
            : PackageReferences.Contains("Microsoft.NET.Test.Sdk", StringComparer.OrdinalIgnoreCase) ||
              (Sdk?.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>An executable: <c>OutputType</c> Exe or WinExe, or the Web and Worker SDKs' default.</summary>
    public bool IsExecutable =>
        Property("OutputType") is { } type
            ? type.Trim().ToUpperInvariant() is "EXE" or "WINEXE"
            : SdkUsings.IsExecutableByDefault(Sdk);

    /// <summary>Reads a project file; throws <see cref="XmlException"/> or <see cref="IOException"/> when it cannot.</summary>
    public static ProjectFile Read(string path)
    {
        var project = XDocument.Load(path).Root ?? throw new XmlException("the file has no root element");
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var usings = new List<UsingItem>();
        if (DirectoryBuildProps(System.IO.Path.GetDirectoryName(path)!) is { } props)
        {
            try
            {
                Collect(XDocument.Load(props).Root, properties, usings);
            }
            catch (XmlException)
            {
                // A broken Directory.Build.props breaks the build too; the project's own file still says most.
            }
        }

        Collect(project, properties, usings);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        return new ProjectFile(
            path,
            ProjectSdk(project),
            properties,
            usings,
            Items(project, "ProjectReference").Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, include.Replace('\\', System.IO.Path.DirectorySeparatorChar)))).ToList(),
            Items(project, "PackageReference").ToList(),
            Items(project, "FrameworkReference").ToList());
    }

    /// <summary><c>&lt;Project Sdk="…"&gt;</c>, <c>&lt;Sdk Name="…"/&gt;</c> or an SDK import; null for a project
    /// without an SDK (the old format).</summary>
    private static string? ProjectSdk(XElement project)
    {
        if (project.Attribute("Sdk")?.Value is { Length: > 0 } sdk)
        {
            return sdk.Split(';')[0].Split('/')[0].Trim();
        }

        return project.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value ??
            project.Elements().FirstOrDefault(e => e.Name.LocalName == "Import")?.Attribute("Sdk")?.Value;
    }

    private static void Collect(XElement? root, Dictionary<string, string> properties, List<UsingItem> usings)
    {
        if (root is null)
        {
            return;
        }

        foreach (var group in Unconditional(root, "PropertyGroup"))
        {
            foreach (var property in group.Elements().Where(e => e.Attribute("Condition") is null))
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }
        }

        foreach (var item in Unconditional(root, "ItemGroup").SelectMany(g => g.Elements()).Where(e => e.Name.LocalName == "Using" && e.Attribute("Condition") is null))
        {
            if (item.Attribute("Include")?.Value is { Length: > 0 } include)
            {
                usings.Add(new UsingItem(include.Trim(), item.Attribute("Alias")?.Value, IsTrue(item.Attribute("Static")?.Value), Remove: false));
            }
            else if (item.Attribute("Remove")?.Value is { Length: > 0 } remove)
            {
                usings.Add(new UsingItem(remove.Trim(), Alias: null, IsStatic: false, Remove: true));
            }
        }
    }

    private static IEnumerable<string> Items(XElement project, string kind) =>
        Unconditional(project, "ItemGroup").SelectMany(g => g.Elements())
            .Where(e => e.Name.LocalName == kind && e.Attribute("Condition") is null)
            .Select(e => e.Attribute("Include")?.Value.Trim())
            .OfType<string>()
            .Where(include => include.Length > 0 && !include.Contains("$(", StringComparison.Ordinal));

    private static IEnumerable<XElement> Unconditional(XElement root, string name) =>
        root.Elements().Where(e => e.Name.LocalName == name && e.Attribute("Condition") is null);

    private static bool IsTrue(string? value) => value?.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>The nearest <c>Directory.Build.props</c> at or above the project's folder, as MSBuild imports it.</summary>
    private static string? DirectoryBuildProps(string folder)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "Directory.Build.props");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
