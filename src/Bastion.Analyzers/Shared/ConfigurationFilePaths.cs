using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Shared;

/// <summary>Whether a path names a configuration file — <c>*.config</c>, <c>*.ini</c>, <c>.env</c>,
/// <c>appsettings*.json</c>, <c>launchSettings.json</c> — judged from the path's constant or the literals it is built
/// from (<c>Path.Combine(dir, "appsettings.json")</c>).</summary>
internal static class ConfigurationFilePaths
{
    public static bool Names(IOperation path) => FileName(path) is not null;

    /// <summary>The configuration file's name, quoted for a message, or null.</summary>
    public static string? FileName(IOperation path)
    {
        var visited = 0;
        foreach (var operation in path.DescendantsAndSelf())
        {
            if (++visited > 64)
            {
                break;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string text } && ConfigurationFileName(text) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static string? ConfigurationFileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var name = slash >= 0 ? path.Substring(slash + 1) : path;
        var lower = name.ToLowerInvariant();
        var isConfiguration = lower.EndsWith(".config", StringComparison.Ordinal) || lower.EndsWith(".ini", StringComparison.Ordinal) ||
            lower.EndsWith(".env", StringComparison.Ordinal) ||
            lower.StartsWith("appsettings", StringComparison.Ordinal) && lower.EndsWith(".json", StringComparison.Ordinal) || lower == "launchsettings.json";
        return isConfiguration ? "'" + name + "'" : null;
    }
}
