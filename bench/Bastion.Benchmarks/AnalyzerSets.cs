using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

/// <summary>The sets the benchmark knows by name: the compile-only baseline, the driver's floor, Bastion whole, per host
/// or per rule, and the peers loaded from their downloaded packages.</summary>
internal static class AnalyzerSets
{
    public const string Compile = "compile-only";
    public const string EmptyOperationAction = "empty-operation-action";

    public static IReadOnlyList<string> Names { get; } = new[]
    {
        Compile, "empty-operation-action", "bastion", "bastion-one-host", "bastion-families", "bastion-rules", "bastion-no-configuration", "bastion-rules-no-configuration", "bastion-configuration", "security-code-scan", "sonar-security", "sonar-all", "netanalyzers", "netanalyzers+bastion",
    };

    public static AnalyzerSet? Create(string name) => name switch
    {
        Compile => new AnalyzerSet(name, ImmutableArray<DiagnosticAnalyzer>.Empty, Empty),
        "empty-operation-action" => new AnalyzerSet(name, ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyOperationActionAnalyzer()), Empty),
        // bastion: what the package ships, two hosts (BastionRulesAnalyzer, and the rules with a compilation-end diagnostic).
        // bastion-one-host: every rule in one host. bastion-families: one host per family.
        // bastion-rules: every rule its own analyzer (the driver's telemetry then times each rule).
        "bastion" => new AnalyzerSet(name, Bastion(), Empty),
        "bastion-one-host" => new AnalyzerSet(name, ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(Rules().ToArray())), Empty),
        "bastion-families" => new AnalyzerSet(name, Rules().GroupBy(Family).Select(g => (DiagnosticAnalyzer)RuleHost.Of(g.ToArray())).ToImmutableArray(), Empty),
        "bastion-rules" => new AnalyzerSet(name, Rules().CastArray<DiagnosticAnalyzer>(), Empty),
        // The configuration family switched off (its rules' IDs suppressed, as /nowarn or an .editorconfig would): as
        // shipped, the hosts skip those rules; as one analyzer per rule, the driver still runs them (each also supports
        // BST0001, which is on) and drops their findings.
        "bastion-no-configuration" => new AnalyzerSet(name, Bastion(), ConfigurationOff()),
        "bastion-rules-no-configuration" => new AnalyzerSet(name, Rules().CastArray<DiagnosticAnalyzer>(), ConfigurationOff()),
        "bastion-configuration" => new AnalyzerSet(name, ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(Rules().Where(a => Family(a) == "Bastion.Analyzers.ConfigurationIntegrity").ToArray())), Empty),
        "security-code-scan" => FromPackage(name, "SecurityCodeScanPath", "analyzers/dotnet", "SecurityCodeScan.VS2019.dll", securityOnly: false),
        "sonar-security" => FromPackage(name, "SonarAnalyzerPath", "analyzers", "SonarAnalyzer.CSharp.dll", securityOnly: true),
        "sonar-all" => FromPackage(name, "SonarAnalyzerPath", "analyzers", "SonarAnalyzer.CSharp.dll", securityOnly: false),
        "netanalyzers" => new AnalyzerSet(name, NetAnalyzers(), AllNetAnalyzersOn(NetAnalyzers())),
        "netanalyzers+bastion" => new AnalyzerSet(name, NetAnalyzers().AddRange(Bastion()), AllNetAnalyzersOn(NetAnalyzers())),
        // empty-operation-action:N: N probes, to see what the driver itself spends per analyzer (Bastion has 17 rules; bastion-rules runs them as 17 analyzers).
        _ when name.StartsWith("empty-operation-action:", StringComparison.Ordinal) && int.TryParse(name["empty-operation-action:".Length..], out var count) && count is > 0 and <= 1000 =>
            new AnalyzerSet(name, Enumerable.Range(0, count).Select(_ => (DiagnosticAnalyzer)new EmptyOperationActionAnalyzer()).ToImmutableArray(), Empty),
        // empty-operation-actions:N: one probe analyzer with N empty actions on every operation, to see what the driver
        // spends per callback apart from per analyzer.
        _ when name.StartsWith("empty-operation-actions:", StringComparison.Ordinal) && int.TryParse(name["empty-operation-actions:".Length..], out var actions) && actions is > 0 and <= 1000 =>
            new AnalyzerSet(name, ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyOperationActionAnalyzer(actions)), Empty),
        // cpu:<set>: the set's analyzers, each in a wrapper that adds up the thread processor time of its callbacks (the
        // telemetry without the wait for a core). Linux only.
        _ when name.StartsWith("cpu:", StringComparison.Ordinal) && ThreadCpuTimedAnalyzer.IsAvailable && Create(name["cpu:".Length..]) is { } timed =>
            new AnalyzerSet(name, timed.Analyzers.Select(a => (DiagnosticAnalyzer)new ThreadCpuTimedAnalyzer(a)).ToImmutableArray(), timed.Options),
        // bastion:A+B: only the Bastion rules of those type names, each its own analyzer (to see what one costs and allocates alone).
        _ when name.StartsWith("bastion:", StringComparison.Ordinal) && Rules().Where(a => name["bastion:".Length..].Split('+').Contains(a.GetType().Name)).ToImmutableArray() is { IsEmpty: false } some =>
            new AnalyzerSet(name, some.CastArray<DiagnosticAnalyzer>(), Empty),
        // host-except:A+B / rules-except:A+B: every rule but those, in one host / each its own analyzer (to see what a
        // rule costs the host beyond its own callbacks).
        _ when name.StartsWith("host-except:", StringComparison.Ordinal) =>
            new AnalyzerSet(name, ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(Except(name["host-except:".Length..]).ToArray())), Empty),
        _ when name.StartsWith("rules-except:", StringComparison.Ordinal) =>
            new AnalyzerSet(name, Except(name["rules-except:".Length..]).CastArray<DiagnosticAnalyzer>(), Empty),
        // bastion@<path>: the hosts of another build of Bastion.Analyzers.dll, in a load context of its own, to compare two
        // versions of the rules in the same rounds (this machine's timings drift more between runs than they differ).
        _ when name.StartsWith("bastion@", StringComparison.Ordinal) => FromOtherBuild(name, name["bastion@".Length..]),
        _ => null,
    };

    private static readonly ImmutableDictionary<string, ReportDiagnostic> Empty = ImmutableDictionary<string, ReportDiagnostic>.Empty;

    private static ImmutableArray<BastionAnalyzer> Rules() => BastionRulesAnalyzer.CreateRules();

    private static ImmutableArray<BastionAnalyzer> Except(string names) => Rules().Where(a => !names.Split('+').Contains(a.GetType().Name)).ToImmutableArray();

    private static ImmutableDictionary<string, ReportDiagnostic> ConfigurationOff() =>
        Rules().Where(a => Family(a) == "Bastion.Analyzers.ConfigurationIntegrity")
            .SelectMany(a => a.RuleDescriptors)
            .ToImmutableDictionary(d => d.Id, _ => ReportDiagnostic.Suppress);

    /// <summary>A rule's family: its namespace, with the configuration-file rules counted as secrets.</summary>
    private static string Family(BastionAnalyzer rule) =>
        rule.GetType().Namespace!.StartsWith("Bastion.Analyzers.Secrets", StringComparison.Ordinal) ? "Bastion.Analyzers.Secrets" : rule.GetType().Namespace!;

    private static ImmutableArray<DiagnosticAnalyzer> Bastion() =>
        typeof(global::Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static AnalyzerSet? FromOtherBuild(string name, string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"warning: {name} skipped, {path} not found.");
            return null;
        }

        // Only Bastion.Analyzers is loaded again; Roslyn and the runtime come from the default context, as in a compiler.
        var context = new AssemblyLoadContext(name);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return new AnalyzerSet(name, analyzers, Empty);
    }

    private static AnalyzerSet? FromPackage(string name, string metadataKey, string subfolder, string fileName, bool securityOnly)
    {
        var root = typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == metadataKey)?.Value;
        var path = root is null ? null : Path.Combine(root, subfolder, fileName);
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"warning: {name} skipped, {fileName} not found (restore the benchmark project).");
            return null;
        }

        var analyzers = Load(path);
        var options = Empty;
        if (securityOnly)
        {
            // Sonar's security rules: vulnerabilities and security hotspots; every other Sonar rule off.
            foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id))
            {
                var security = descriptor.Category.Contains("Vulnerability", StringComparison.OrdinalIgnoreCase) ||
                    descriptor.Category.Contains("Security", StringComparison.OrdinalIgnoreCase);
                options = options.SetItem(descriptor.Id, security ? ReportDiagnostic.Default : ReportDiagnostic.Suppress);
            }
        }

        return new AnalyzerSet(name, analyzers, options);
    }

    /// <summary>The NetAnalyzers of the SDK this benchmark runs under, every rule at warning (as <c>AnalysisMode=All</c>).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> NetAnalyzers()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var sdk = Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "sdk")).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
        var folder = sdk is null ? null : Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers");
        if (folder is null || !File.Exists(Path.Combine(folder, "Microsoft.CodeAnalysis.NetAnalyzers.dll")))
        {
            return ImmutableArray<DiagnosticAnalyzer>.Empty;
        }

        return Load(Path.Combine(folder, "Microsoft.CodeAnalysis.NetAnalyzers.dll")).AddRange(Load(Path.Combine(folder, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")));
    }

    private static ImmutableDictionary<string, ReportDiagnostic> AllNetAnalyzersOn(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = Empty;
        foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id))
        {
            options = options.SetItem(descriptor.Id, ReportDiagnostic.Warn);
        }

        return options;
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load(string path)
    {
        var reference = new AnalyzerFileReference(path, FolderLoader.Instance);
        return reference.GetAnalyzers(LanguageNames.CSharp);
    }

    /// <summary>Loads an analyzer assembly and its dependencies from its folder (YamlDotNet beside Security Code Scan).</summary>
    private sealed class FolderLoader : IAnalyzerAssemblyLoader
    {
        public static readonly FolderLoader Instance = new();

        private readonly HashSet<string> folders = new(StringComparer.Ordinal);

        private FolderLoader() => AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, name.Name + ".dll");
                if (File.Exists(candidate))
                {
                    return context.LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        };

        public void AddDependencyLocation(string fullPath) => folders.Add(Path.GetDirectoryName(fullPath)!);

        public Assembly LoadFromPath(string fullPath)
        {
            folders.Add(Path.GetDirectoryName(fullPath)!);
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        }
    }
}
