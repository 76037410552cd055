using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Bastion.Tests.Infrastructure;

/// <summary>Metadata references for test sources, taken from the running runtime (no network, no reference packs):
/// the .NET and ASP.NET Core shared frameworks the test host runs on, plus any package assembly a test names.</summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Frameworks = new(LoadFrameworks);
    private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(LoadRuntime);
    private static readonly Dictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);

    public static ImmutableArray<MetadataReference> Default => Frameworks.Value;

    /// <summary>The base runtime only: what a console program or library without ASP.NET Core compiles against.</summary>
    public static ImmutableArray<MetadataReference> RuntimeOnly => Runtime.Value;

    public static MetadataReference FromAssembly(Assembly assembly) => FromPath(assembly.Location);

    public static MetadataReference FromPath(string path)
    {
        lock (ByPath)
        {
            if (!ByPath.TryGetValue(path, out var reference))
            {
                reference = MetadataReference.CreateFromFile(path);
                ByPath[path] = reference;
            }

            return reference;
        }
    }

    private static ImmutableArray<MetadataReference> LoadRuntime() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(FromPath)
            .ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadFrameworks()
    {
        var directories = new[]
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!,
        };

        return directories
            .Distinct(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"))
            .Where(IsManagedAssembly)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(FromPath)
            .ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path) => Bastion.Cli.ReferenceResolver.IsManagedAssembly(path);
}
