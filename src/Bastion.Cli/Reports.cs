using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;

namespace Bastion.Cli;

/// <summary>Machine-readable reports. Nothing in them is built from a secret: messages are already masked by the
/// analyzers, and fingerprints hash the rule, the file and the masked message, never source text.</summary>
internal static class Reports
{
    public const string SarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Indented, and without escaping quotes and non-ASCII as \uXXXX: the reports are files, not HTML.</summary>
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(ScanResult result)
    {
        var findings = new JsonArray();
        var fingerprints = Fingerprints(result);
        foreach (var diagnostic in Ordered(result))
        {
            var span = diagnostic.Location.GetLineSpan();
            findings.Add(new JsonObject
            {
                ["ruleId"] = diagnostic.Id,
                ["severity"] = diagnostic.Severity.ToString().ToLowerInvariant(),
                ["message"] = diagnostic.GetMessage(CultureInfo.InvariantCulture),
                ["path"] = RelativePath(result, span.Path),
                ["startLine"] = span.IsValid ? span.StartLinePosition.Line + 1 : null,
                ["startColumn"] = span.IsValid ? span.StartLinePosition.Character + 1 : null,
                ["endLine"] = span.IsValid ? span.EndLinePosition.Line + 1 : null,
                ["endColumn"] = span.IsValid ? span.EndLinePosition.Character + 1 : null,
                ["cwe"] = new JsonArray(Cwes(diagnostic.Descriptor).Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                ["helpUri"] = diagnostic.Descriptor.HelpLinkUri,
                ["fingerprint"] = fingerprints[diagnostic],
            });
        }

        var report = new JsonObject
        {
            ["tool"] = "bastion",
            ["version"] = Version,
            ["root"] = result.Root,
            ["findings"] = findings,
        };
        return report.ToJsonString(Options);
    }

    /// <summary>SARIF 2.1.0, one run: every rule with its CWE tags, help URI and <c>security-severity</c>; results with
    /// locations relative to the scanned folder, related locations (the additional locations of dataflow findings), and
    /// <c>partialFingerprints</c>.</summary>
    public static string Sarif(ScanResult result)
    {
        var rules = new JsonArray();
        // The rules, and BST0001 (Bastion failed on some code) only when a result needs it.
        var used = result.Diagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var descriptor in AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First())
            .Where(d => !d.CustomTags.Contains(Bastion.Analyzers.Infrastructure.BastionAnalyzer.InternalTag) || used.Contains(d.Id)).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            rules.Add(new JsonObject
            {
                ["id"] = descriptor.Id,
                ["name"] = string.Concat(descriptor.Title.ToString(CultureInfo.InvariantCulture).Split(' ', '-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
                ["shortDescription"] = new JsonObject { ["text"] = descriptor.Title.ToString(CultureInfo.InvariantCulture) },
                ["fullDescription"] = new JsonObject { ["text"] = descriptor.Description.ToString(CultureInfo.InvariantCulture) },
                ["helpUri"] = descriptor.HelpLinkUri,
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(descriptor.DefaultSeverity), ["enabled"] = descriptor.IsEnabledByDefault },
                ["properties"] = new JsonObject
                {
                    ["tags"] = new JsonArray(descriptor.CustomTags.Where(t => t != WellKnownDiagnosticTags.CompilationEnd &&
                        !t.StartsWith(Bastion.Analyzers.Infrastructure.DiagnosticDescriptorFactory.SecuritySeverityTagPrefix, StringComparison.Ordinal)).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                    ["security-severity"] = SecuritySeverity(descriptor).ToString("0.0", CultureInfo.InvariantCulture),
                    ["precision"] = "high",
                },
            });
        }

        var results = new JsonArray();
        var fingerprints = Fingerprints(result);
        foreach (var diagnostic in Ordered(result))
        {
            var sarifResult = new JsonObject
            {
                ["ruleId"] = diagnostic.Id,
                ["level"] = Level(diagnostic.Severity),
                ["message"] = new JsonObject { ["text"] = diagnostic.GetMessage(CultureInfo.InvariantCulture) },
                ["partialFingerprints"] = new JsonObject { ["bastionFingerprint/v1"] = fingerprints[diagnostic] },
            };
            if (result.InBaseline is not null)
            {
                // Only findings that are not in the baseline are reported.
                sarifResult["baselineState"] = "new";
            }

            // Code-scanning services drop a result without a location: one about the whole project points at it.
            sarifResult["locations"] = diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile
                ? new JsonArray(PhysicalLocation(result, diagnostic.Location))
                : new JsonArray(ProjectLocation(result));

            if (diagnostic.AdditionalLocations.Count > 0)
            {
                var related = new JsonArray();
                var id = 0;
                foreach (var location in diagnostic.AdditionalLocations)
                {
                    var node = PhysicalLocation(result, location);
                    node["id"] = id++;
                    related.Add(node);
                }

                sarifResult["relatedLocations"] = related;
            }

            results.Add(sarifResult);
        }

        var sarif = new JsonObject
        {
            ["$schema"] = SarifSchema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Bastion",
                        ["semanticVersion"] = Version,
                        ["informationUri"] = "https://github.com/bastion-analyzers/bastion",
                        ["rules"] = rules,
                    },
                },
                ["originalUriBaseIds"] = new JsonObject { ["SRCROOT"] = new JsonObject { ["uri"] = new Uri(result.Root.TrimEnd('/') + "/").AbsoluteUri } },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(Options);
    }

    /// <summary>A baseline: the fingerprints of the current findings, with rule and file for a reader. No message and no
    /// source text.</summary>
    public static string Baseline(ScanResult result)
    {
        var fingerprints = Fingerprints(result);
        var entries = new JsonArray();
        foreach (var diagnostic in Ordered(result))
        {
            entries.Add(new JsonObject
            {
                ["ruleId"] = diagnostic.Id,
                ["path"] = RelativePath(result, diagnostic.Location.GetLineSpan().Path),
                ["fingerprint"] = fingerprints[diagnostic],
            });
        }

        return new JsonObject { ["tool"] = "bastion", ["baselineVersion"] = 1, ["version"] = Version, ["findings"] = entries }.ToJsonString(Options);
    }

    /// <summary>The fingerprints of a baseline file, or an error message.</summary>
    public static (HashSet<string>? Fingerprints, string? Error) ReadBaseline(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("baselineVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1 ||
                !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                return (null, $"'{path}' is not a Bastion baseline (version 1); make one with 'bastion baseline <folder> --output {path}'.");
            }

            var fingerprints = new HashSet<string>(StringComparer.Ordinal);
            foreach (var finding in findings.EnumerateArray())
            {
                if (finding.ValueKind != JsonValueKind.Object || !finding.TryGetProperty("fingerprint", out var fingerprint) || fingerprint.ValueKind != JsonValueKind.String)
                {
                    return (null, $"'{path}' has a finding without a fingerprint.");
                }

                fingerprints.Add(fingerprint.GetString()!);
            }

            return (fingerprints, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read baseline '{path}': {e.Message}");
        }
        catch (JsonException e)
        {
            return (null, $"baseline '{path}' is not valid JSON: {e.Message}");
        }
    }

    private static string Version => typeof(Reports).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static IEnumerable<Diagnostic> Ordered(ScanResult result) =>
        result.Diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal);

    /// <summary>The project file scanned (the one project file in the scanned folder), else the folder itself.</summary>
    private static JsonObject ProjectLocation(ScanResult result)
    {
        var projects = Directory.Exists(result.Root) ? Directory.GetFiles(result.Root, "*.csproj") : Array.Empty<string>();
        var uri = projects.Length == 1 ? RelativePath(result, projects[0]) : File.Exists(result.Root) ? Path.GetFileName(result.Root) : ".";
        return new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = uri, ["uriBaseId"] = "SRCROOT" },
            },
        };
    }

    private static JsonObject PhysicalLocation(ScanResult result, Location location)
    {
        var span = location.GetLineSpan();
        return new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = RelativePath(result, span.Path), ["uriBaseId"] = "SRCROOT" },
                ["region"] = new JsonObject
                {
                    ["startLine"] = span.StartLinePosition.Line + 1,
                    ["startColumn"] = span.StartLinePosition.Character + 1,
                    ["endLine"] = span.EndLinePosition.Line + 1,
                    ["endColumn"] = span.EndLinePosition.Character + 1,
                },
            },
        };
    }

    private static string RelativePath(ScanResult result, string path) =>
        string.IsNullOrEmpty(path) ? string.Empty : Path.GetRelativePath(result.Root, path).Replace('\\', '/');

    /// <summary>Stable across edits elsewhere in the file: the rule, the file, the masked message and which occurrence
    /// of that triple it is. Never source text, so never a secret, not even hashed. One pass over the ordered findings.</summary>
    internal static IReadOnlyDictionary<Diagnostic, string> Fingerprints(ScanResult result)
    {
        if (result.Fingerprints is { } known)
        {
            return known;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<Diagnostic, string>();
        foreach (var diagnostic in Ordered(result))
        {
            var key = $"{diagnostic.Id}|{RelativePath(result, diagnostic.Location.GetLineSpan().Path)}|{diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
            seen.TryGetValue(key, out var occurrence);
            seen[key] = occurrence + 1;
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{occurrence}"));
            fingerprints[diagnostic] = Convert.ToHexString(bytes, 0, 16).ToLowerInvariant();
        }

        return fingerprints;
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    private static IEnumerable<string> Cwes(DiagnosticDescriptor descriptor) =>
        descriptor.CustomTags.Where(t => t.StartsWith("CWE-", StringComparison.Ordinal));

    /// <summary>GitHub code scanning's 0–10 scale, as each rule declares it with its descriptor.</summary>
    private static double SecuritySeverity(DiagnosticDescriptor descriptor) => Bastion.Analyzers.Infrastructure.DiagnosticDescriptorFactory.SecuritySeverity(descriptor);
}
