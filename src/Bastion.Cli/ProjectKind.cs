using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Cli;

/// <summary>Whether a loaded project is a test project, decided as a build with the package decides: by MSBuild's
/// <c>IsTestProject</c> (which the test SDK sets), never by a test or mocking library in the references alone — a
/// production project that references Moq is the case BST3001 exists for.</summary>
internal static class ProjectKind
{
    private const string Property = "build_property.IsTestProject";

    /// <summary>The project's options with <c>IsTestProject</c> as MSBuild evaluates it, when it references a test or
    /// mocking library (the references that make it ambiguous) and its options do not say already; else the options as
    /// they are.</summary>
    public static async Task<AnalyzerConfigOptionsProvider> WithIsTestProjectAsync(Project project, Compilation compilation, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (options.GlobalOptions.TryGetValue(Property, out _) || project.FilePath is not { } path ||
            Bastion.Analyzers.Infrastructure.ProjectClassifier.TestFrameworkReferenced(compilation) is null)
        {
            return options;
        }

        return await EvaluateAsync(path, cancellationToken).ConfigureAwait(false) is { } value
            ? new WithGlobalOption(options, Property, value)
            : options;
    }

    /// <summary><c>dotnet msbuild -getProperty:IsTestProject</c>: MSBuild's own evaluation, imports and the test SDK's
    /// props included. Null when it cannot say.</summary>
    private static async Task<string?> EvaluateAsync(string projectPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        };
        foreach (var argument in new[] { "msbuild", projectPath, "-getProperty:IsTestProject", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? (await output.ConfigureAwait(false)).Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private sealed class WithGlobalOption(AnalyzerConfigOptionsProvider inner, string key, string value) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(inner.GlobalOptions, key, value);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner.GetOptions(textFile);

        private sealed class Options(AnalyzerConfigOptions options, string key, string value) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string name, out string result)
            {
                if (name == key)
                {
                    result = value;
                    return true;
                }

                return options.TryGetValue(name, out result!);
            }

            public override IEnumerable<string> Keys => options.Keys.Append(key).Distinct(StringComparer.Ordinal);
        }
    }
}
