using System.Collections.Immutable;
using System.Globalization;
using Bastion.Cli;
using Microsoft.CodeAnalysis;

return await CommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

namespace Bastion.Cli
{
    /// <summary>The <c>bastion</c> command. Exit codes: 0 no findings at or above <c>--fail-on</c>, 1 findings,
    /// 2 usage or input error.</summary>
    internal static class CommandLine
    {
        public const int Clean = 0;
        public const int Findings = 1;
        public const int UsageError = 2;

        private const string Usage = """
            Usage:
              bastion scan <path> [--format text|json|sarif] [--output <file>] [--fail-on warning|error|never] [--baseline <file>] [--no-restore]
              bastion baseline <path> --output <file> [--no-restore]
              bastion rules
              bastion --help | --version

            scan     <path> is a folder, a project (.csproj) or a solution (.sln, .slnx).
                     A project or solution is restored (unless --no-restore) and loaded with MSBuild, so each project
                     is analysed as it builds; a project that cannot be loaded is scanned in folder mode, with a warning.
                     A folder is scanned in folder mode, without MSBuild: each .csproj under it is one compilation
                     of the .cs files in its folder (bin/ and obj/ skipped) with its SDK's implicit usings, <Using>
                     items, project references and, once restored, its packages; files outside any project form one
                     more. Configuration files are scanned too, and the .editorconfig and .globalconfig files that
                     apply set severities and options. Text (grouped by file), JSON or SARIF 2.1.0; to
                     standard output, or to --output (written whole or not at all). Secrets are masked.
            baseline Record the current findings (their fingerprints) in <file>; 'scan --baseline <file>' then reports
                     only findings that are not in it, and only those decide the exit code.
            rules    List the rules: ID, default severity, CWE, whether a code fix exists, title.

            Exit codes: 0 clean, 1 findings at or above --fail-on (default: warning), 2 usage or input error.
            """;

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? error : output).WriteLine(Usage);
                return args.Length == 0 ? UsageError : Clean;
            }

            switch (args[0])
            {
                case "--version":
                    output.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3));
                    return Clean;
                case "rules":
                    // The level as .editorconfig names it (dotnet_diagnostic.<ID>.severity), as the README's table does.
                    output.WriteLine($"{"ID",-8} {"Default",-10} {"CWE",-16} {"Fix",-4} Title");
                    foreach (var rule in AnalyzerCatalog.Rules)
                    {
                        var cwes = string.Join(",", rule.CustomTags.Where(t => t.StartsWith("CWE-", StringComparison.Ordinal)));
                        var fix = AnalyzerCatalog.Fixable.Contains(rule.Id) ? "yes" : "no";
                        output.WriteLine($"{rule.Id,-8} {AnalyzerCatalog.Level(rule),-10} {cwes,-16} {fix,-4} {rule.Title}");
                    }

                    return Clean;
                case "scan":
                    return await ScanAsync(args.Skip(1).ToArray(), output, error, writeBaseline: false).ConfigureAwait(false);
                case "baseline":
                    return await ScanAsync(args.Skip(1).ToArray(), output, error, writeBaseline: true).ConfigureAwait(false);
                default:
                    error.WriteLine($"bastion: unknown command '{args[0]}'.");
                    error.WriteLine(Usage);
                    return UsageError;
            }
        }

        private static async Task<int> ScanAsync(string[] args, TextWriter output, TextWriter error, bool writeBaseline)
        {
            string? path = null;
            string? outputFile = null;
            string? baselineFile = null;
            var format = "text";
            var failOn = DiagnosticSeverity.Warning;
            var never = false;
            var restore = true;
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--no-restore")
                {
                    restore = false;
                    continue;
                }

                if (args[i] == "--fail-on" && i + 1 < args.Length)
                {
                    switch (args[++i])
                    {
                        case "warning": failOn = DiagnosticSeverity.Warning; break;
                        case "error": failOn = DiagnosticSeverity.Error; break;
                        case "never": never = true; break;
                        default:
                            error.WriteLine($"bastion: --fail-on takes warning, error or never, not '{args[i]}'.");
                            return UsageError;
                    }
                }
                else if (args[i] == "--format" && i + 1 < args.Length)
                {
                    format = args[++i];
                    if (format is not ("text" or "json" or "sarif"))
                    {
                        error.WriteLine($"bastion: --format takes text, json or sarif, not '{format}'.");
                        return UsageError;
                    }
                }
                else if (args[i] == "--output" && i + 1 < args.Length)
                {
                    outputFile = args[++i];
                }
                else if (args[i] == "--baseline" && i + 1 < args.Length && !writeBaseline)
                {
                    baselineFile = args[++i];
                }
                else if (args[i].StartsWith('-'))
                {
                    error.WriteLine($"bastion: unknown option '{args[i]}'.");
                    return UsageError;
                }
                else if (path is null)
                {
                    path = args[i];
                }
                else
                {
                    error.WriteLine($"bastion: scan takes one path; '{args[i]}' is a second.");
                    return UsageError;
                }
            }

            if (path is null)
            {
                error.WriteLine("bastion: scan needs a folder, project or solution to scan.");
                return UsageError;
            }

            if (writeBaseline && outputFile is null)
            {
                error.WriteLine("bastion: baseline needs --output <file>.");
                return UsageError;
            }

            HashSet<string>? baseline = null;
            if (baselineFile is not null)
            {
                (baseline, var baselineError) = Reports.ReadBaseline(baselineFile);
                if (baseline is null)
                {
                    error.WriteLine("bastion: " + baselineError);
                    return UsageError;
                }
            }

            var isProject = File.Exists(path) && ProjectScanner.IsProjectOrSolution(path);
            if (!Directory.Exists(path) && !isProject)
            {
                error.WriteLine(File.Exists(path)
                    ? $"bastion: '{path}' is not a folder, a .csproj, a .sln or a .slnx."
                    : $"bastion: '{path}' does not exist.");
                return UsageError;
            }

            // Progress on the process's own standard error: a live line on a terminal, a line per project in a log.
            IScanProgress? progress = ReferenceEquals(error, Console.Error) ? new ScanProgress(error, live: !Console.IsErrorRedirected) : null;
            ScanResult result;
            try
            {
                result = isProject
                    ? await ProjectScanner.ScanAsync(path, restore, error, progress, CancellationToken.None).ConfigureAwait(false)
                    : await FolderScanner.ScanAsync(path, error, CancellationToken.None, progress).ConfigureAwait(false);
            }
            catch (ScanInputException e)
            {
                error.WriteLine("bastion: " + e.Message);
                return UsageError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"bastion: cannot read '{path}': {e.Message}");
                return UsageError;
            }

            if (writeBaseline)
            {
                return TryWriteWhole(outputFile!, Reports.Baseline(result), error) ? Clean : UsageError;
            }

            if (baseline is not null)
            {
                var fingerprints = Reports.Fingerprints(result);
                var fresh = result.Diagnostics.Where(d => !baseline.Contains(fingerprints[d])).ToImmutableArray();
                result = result with { Diagnostics = fresh, Fingerprints = fingerprints, InBaseline = result.Diagnostics.Length - fresh.Length };
            }

            var report = format switch
            {
                "json" => Reports.Json(result),
                "sarif" => Reports.Sarif(result),
                _ => null,
            };
            if (outputFile is null)
            {
                if (report is null)
                {
                    TextReport.Write(result, output, useColor: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out));
                }
                else
                {
                    output.WriteLine(report);
                }
            }
            else if (!TryWriteWhole(outputFile, report ?? RenderText(result), error))
            {
                return UsageError;
            }

            foreach (var failure in result.AnalyzerFailures)
            {
                error.WriteLine($"bastion: an analyzer failed ({failure}); its findings may be incomplete.");
            }

            return !never && result.Diagnostics.Any(d => d.Severity >= failOn) ? Findings : Clean;
        }

        private static string RenderText(ScanResult result)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            TextReport.Write(result, writer, useColor: false);
            return writer.ToString();
        }

        /// <summary>Writes to a temporary file beside the target and moves it into place: the target is written whole
        /// or not at all, and a failure leaves nothing behind.</summary>
        private static bool TryWriteWhole(string path, string content, TextWriter error)
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full);
            if (directory is null || !Directory.Exists(directory))
            {
                error.WriteLine($"bastion: cannot write '{path}': folder '{directory}' does not exist.");
                return false;
            }

            var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temporary, content);
                File.Move(temporary, full, overwrite: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"bastion: cannot write '{path}': {e.Message}");
                return false;
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    internal static class TextReport
    {
        public static void Write(ScanResult result, TextWriter output, bool useColor)
        {
            // A finding about the project as a whole (a mocking library referenced by production code) has no file:
            // it is listed under the scanned folder or project, without a position.
            var byFile = result.Diagnostics
                .GroupBy(d => d.Location.GetLineSpan().Path ?? string.Empty)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var file in byFile)
            {
                var header = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.Key.Length > 0 ? file.Key : result.Root);
                output.WriteLine(Color(header, "1", useColor));
                foreach (var diagnostic in file.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var span = diagnostic.Location.GetLineSpan();
                    var position = file.Key.Length > 0 && span.IsValid ? $"{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}" : "-";
                    var severity = diagnostic.Severity.ToString().ToLowerInvariant();
                    output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {position}  {Color(severity, diagnostic.Severity == DiagnosticSeverity.Error ? "31" : "33", useColor)} {diagnostic.Id}  {diagnostic.GetMessage(CultureInfo.InvariantCulture)}"));
                }

                output.WriteLine();
            }

            var count = result.Diagnostics.Length;
            var newOnly = result.InBaseline is null ? string.Empty : "new ";
            var summary = string.Join(", ", result.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
            output.WriteLine(count == 0
                ? $"No {newOnly}findings in {result.SourceFiles} C# file(s) and {result.ConfigurationFiles} configuration file(s)."
                : $"{count} {newOnly}finding(s) in {result.SourceFiles} C# file(s) and {result.ConfigurationFiles} configuration file(s): {summary}.");
            if (result.InBaseline is { } known)
            {
                output.WriteLine($"{known} finding(s) in the baseline not shown.");
            }
        }

        private static string Color(string text, string code, bool useColor) => useColor ? $"\u001b[{code}m{text}\u001b[0m" : text;
    }
}
