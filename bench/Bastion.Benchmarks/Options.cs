using System.Globalization;
using System.Text;

namespace Bastion.Benchmarks;

/// <summary>The benchmark's command lines as tables: each command lists its options once, and parsing, the usage text
/// and the rejection of unknown options all read that list.</summary>
internal sealed class Options
{
    public static readonly IReadOnlyList<OptionSpec> Measure = new OptionSpec[]
    {
        new("--library", "newtonsoft|nodatime", "the yardstick's real libraries, read in place from ../shared/perf/corpora with their defines, against the framework's reference pack"),
        new("--corpus", "folder", "a folder of C# files instead of the generated service corpus"),
        new("--define", "A;B|@file", "preprocessor symbols for a --corpus"),
        new("--references", "folder,…", "assemblies a --corpus needs besides the runtime's and ASP.NET Core's"),
        new("--modules", "N", "modules of the generated service corpus (default 100)"),
        new("--runs", "N", "rounds; every set runs once per round, after a warm-up round (default 3)"),
        new("--sets", "set,…", "analyzer sets: " + string.Join(",", AnalyzerSets.Names) + ", bastion:<analyzer type>+…, bastion@<path>, cpu:<set>"),
        new("--floor", "set", "what the \"over the floor\" columns subtract, round by round (default empty-operation-action)"),
        new("--concurrent", null, "concurrentAnalysis: true, as a build runs analyzers"),
        new("--eager", null, "bind callees ahead of the driver, as in an editor"),
        new("--prebind", null, "bind every body before the timed analysis"),
        new("--collect", null, "let the garbage collector run during timed runs"),
        new("--serial-build", null, "the compiler binds on one thread"),
        new("--scaling", null, "also time the configuration rules and all of Bastion at 1x, 2x, 4x and 8x each corpus shape"),
        new("--operations", null, "print the corpus's operations by kind, and nothing else"),
        new("--output", "file", "also write the report to this file"),
        new("--write-corpus", "folder", "write the generated service corpus there (for bench/measure-build.sh), and nothing else"),
        new("--write-tree", "folder", "write a generated multi-project application there (for bench/scan-scaling.sh), and nothing else"),
        new("--services", "N", "services of --write-tree (default 4)"),
    };

    public static readonly IReadOnlyList<OptionSpec> Trace = new OptionSpec[]
    {
        new("--filter", "prefix", "the frames that count as the set's own (default Bastion.Analyzers)"),
        new("--top", "N", "rows per table (default 40)"),
        new("--from", "0.0-1.0", "skip the first part of the trace, e.g. 0.7 keeps the last 30% (a warmed-up compiler server)"),
        new("--under", "method", "count only the samples with that method on the stack"),
        new("--stacks-of", "leaf method", "also print the stacks that end in that method"),
    };

    private readonly Dictionary<string, string?> values;

    private Options(Dictionary<string, string?> values, IReadOnlyList<string> positional)
    {
        this.values = values;
        Positional = positional;
    }

    /// <summary>The arguments that are not options or their values, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>The options, or null with <paramref name="error"/> saying which argument is wrong.</summary>
    public static Options? Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> table, out string error)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            var spec = table.FirstOrDefault(o => o.Name == args[i]);
            if (spec is null)
            {
                error = "unknown option " + args[i];
                return null;
            }

            if (spec.Value is not null && i + 1 >= args.Count)
            {
                error = $"{spec.Name} needs a value ({spec.Value})";
                return null;
            }

            values[spec.Name] = spec.Value is null ? null : args[++i];
        }

        error = string.Empty;
        return new Options(values, positional);
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    public int Int(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Get(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string Usage(string command, IReadOnlyList<OptionSpec> table)
    {
        var text = new StringBuilder("usage: ").AppendLine(command);
        var width = table.Max(o => Shown(o).Length);
        foreach (var option in table)
        {
            text.Append("  ").Append(Shown(option).PadRight(width)).Append("  ").AppendLine(option.Help);
        }

        return text.ToString();
    }

    private static string Shown(OptionSpec option) => option.Value is null ? option.Name : $"{option.Name} <{option.Value}>";
}
