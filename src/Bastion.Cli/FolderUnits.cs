using System.Xml;

namespace Bastion.Cli;

/// <summary>Splits a folder into compilations as the projects in it do: a file belongs to the project in its nearest
/// folder that has one (every project there, when there are several), and to the loose-files compilation when no
/// folder up to the root has a project. Projects come before the projects that reference them.</summary>
internal static class FolderUnits
{
    public static IReadOnlyList<FolderUnit> Discover(string root, IEnumerable<string> projectPaths, IEnumerable<string> sources, IEnumerable<string> configurationFiles, TextWriter warnings)
    {
        var projects = new List<ProjectFile>();
        foreach (var path in projectPaths)
        {
            try
            {
                projects.Add(ProjectFile.Read(path));
            }
            catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
            {
                warnings.WriteLine($"bastion: warning: cannot read project '{Path.GetRelativePath(root, path)}' ({e.GetType().Name}); its sources are scanned with the folder around it.");
            }
        }

        var byFolder = projects.GroupBy(p => p.Directory, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var owned = projects.ToDictionary(p => p, _ => (Sources: new List<string>(), Configuration: new List<string>()));
        var looseSources = new List<string>();
        var looseConfiguration = new List<string>();
        foreach (var source in sources)
        {
            Assign(source, root, byFolder, owned, p => p.Sources, looseSources);
        }

        foreach (var file in configurationFiles)
        {
            Assign(file, root, byFolder, owned, p => p.Configuration, looseConfiguration);
        }

        var units = Ordered(projects)
            .Select(p => new FolderUnit(p.Name, p.Directory, p, owned[p].Sources, owned[p].Configuration))
            .ToList();
        if (looseSources.Count > 0 || looseConfiguration.Count > 0 || units.Count == 0)
        {
            units.Add(new FolderUnit(Path.GetFileName(root), root, null, looseSources, looseConfiguration));
        }

        return units;
    }

    private static void Assign(
        string file, string root, Dictionary<string, List<ProjectFile>> byFolder,
        Dictionary<ProjectFile, (List<string> Sources, List<string> Configuration)> owned,
        Func<(List<string> Sources, List<string> Configuration), List<string>> list, List<string> loose)
    {
        for (var folder = Path.GetDirectoryName(file); folder is not null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (byFolder.TryGetValue(folder, out var owners))
            {
                foreach (var owner in owners)
                {
                    list(owned[owner]).Add(file);
                }

                return;
            }
        }

        loose.Add(file);
    }

    /// <summary>Referenced projects first (depth first, in path order; a reference cycle is cut where it closes).</summary>
    private static List<ProjectFile> Ordered(List<ProjectFile> projects)
    {
        var byPath = projects.GroupBy(p => p.Path, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ProjectFile>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in projects.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            Visit(project);
        }

        return ordered;

        void Visit(ProjectFile project)
        {
            if (!visited.Add(project.Path))
            {
                return;
            }

            foreach (var reference in project.ProjectReferences)
            {
                if (byPath.TryGetValue(reference, out var referenced))
                {
                    Visit(referenced);
                }
            }

            ordered.Add(project);
        }
    }
}
