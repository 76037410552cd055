namespace Bastion.Benchmarks;

/// <summary>The real libraries of the performance yardstick (<c>../shared/perf/corpora</c> beside the checkout), read
/// in place with the defines the yardstick compiles them with, so a regression on them shows in every benchmark run.</summary>
internal static class Libraries
{
    public static string Folder(string name)
    {
        var corpora = Corpora();
        return name switch
        {
            "newtonsoft" => Path.Combine(corpora, "newtonsoft", "Src", "Newtonsoft.Json"),
            "nodatime" => Path.Combine(corpora, "nodatime", "src", "NodaTime"),
            _ => throw new ArgumentException("--library wants newtonsoft or nodatime, not " + name),
        };
    }

    public static IReadOnlyList<string> DefinesOf(string name)
    {
        var file = Path.Combine(Corpora(), name + ".defines");
        return File.Exists(file) ? Defines("@" + file) : Array.Empty<string>();
    }

    /// <summary><c>A;B</c>, or <c>@file</c> holding that list.</summary>
    public static IReadOnlyList<string> Defines(string? option)
    {
        var text = option is null ? string.Empty : option.StartsWith('@') ? File.ReadAllText(option[1..]) : option;
        return text.Split(new[] { ';', ',', '\n', '\r', ' ' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The folders a library is compiled against, as the yardstick compiles it: the newest
    /// <c>Microsoft.NETCore.App.Ref</c> reference pack of this .NET installation (no ASP.NET Core: a library that does not
    /// reference it must not wake the rules that wait for its types).</summary>
    public static IReadOnlyList<string> ReferenceFolders()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var pack = new DirectoryInfo(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"));
        var newest = pack.Exists ? pack.GetDirectories().OrderBy(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version()).LastOrDefault() : null;
        var framework = newest is null ? null : new DirectoryInfo(Path.Combine(newest.FullName, "ref")).GetDirectories("net*").OrderBy(d => d.Name, StringComparer.Ordinal).LastOrDefault();
        return framework is null
            ? throw new DirectoryNotFoundException("no Microsoft.NETCore.App.Ref pack under " + root + ": the libraries are compiled against it, as the yardstick does")
            : new[] { framework.FullName };
    }

    /// <summary><c>shared/perf/corpora</c> beside the checkout that holds the current directory.</summary>
    private static string Corpora()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln")))
            {
                return Path.Combine(folder.Parent?.FullName ?? folder.FullName, "shared", "perf", "corpora");
            }
        }

        throw new DirectoryNotFoundException("run the benchmark from inside the checkout: ../shared/perf/corpora is found from it");
    }
}
