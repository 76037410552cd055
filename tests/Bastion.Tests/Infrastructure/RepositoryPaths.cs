using System;
using System.IO;

namespace Bastion.Tests.Infrastructure;

public static class RepositoryPaths
{
    private static readonly Lazy<string> RootValue = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootValue.Value;

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
}
