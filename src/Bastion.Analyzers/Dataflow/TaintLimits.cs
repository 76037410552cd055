

namespace Bastion.Analyzers.Dataflow;

/// <summary>Bounds of the taint engine, from options (<c>bastion.dataflow.*</c>). What exceeds a bound is not analysed
/// further: flows through it are missed, never invented.</summary>
internal readonly struct TaintLimits
{
    public const int DefaultMaxCallDepth = 12;
    public const int DefaultMaxWorkPerMethod = 1_000_000;

    public TaintLimits(int maxCallDepth, int maxWorkPerMethod)
    {
        MaxCallDepth = maxCallDepth;
        MaxWorkPerMethod = maxWorkPerMethod;
    }

    public static TaintLimits Default => new(DefaultMaxCallDepth, DefaultMaxWorkPerMethod);

    /// <summary>The bounds set in <c>bastion.dataflow.max_call_depth</c> and <c>bastion.dataflow.max_work_per_method</c>,
    /// shared by every rule on the taint engine.</summary>
    public static TaintLimits FromOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions globalOptions)
    {
        var dataflow = new Infrastructure.RuleOptions(globalOptions, "dataflow");
        return new TaintLimits(
            dataflow.GetInt("max_call_depth", DefaultMaxCallDepth, 0, 64),
            dataflow.GetInt("max_work_per_method", DefaultMaxWorkPerMethod, 1_000, 10_000_000));
    }

    /// <summary>Whether the call-graph search may wait for the driver (<c>bastion.dataflow.defer_call_graph_search</c>, or
    /// the MSBuild property <c>BastionDeferCallGraphSearch</c>, which the package sets to <c>true</c> in command-line
    /// builds and to <c>false</c> in design-time builds): only where the whole compilation is analysed and
    /// compilation-end actions run. In an editor, which analyses one document and runs no compilation-end action, a flow
    /// through another file would never show. A host that passes no build property at all (a compiler run without the
    /// package's props, an analysis harness) compiles: it waits too.</summary>
    public static bool DefersCallGraphSearch(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions globalOptions)
    {
        if (new Infrastructure.RuleOptions(globalOptions, "dataflow").GetString("defer_call_graph_search") is { } option)
        {
            return bool.TryParse(option, out var value) && value;
        }

        if (!globalOptions.TryGetValue("build_property.BastionDeferCallGraphSearch", out var property))
        {
            return true;
        }

        return bool.TryParse(property.Trim(), out var fromBuild) && fromBuild;
    }

    /// <summary>How many calls deep a flow is followed from the method where it is reported.</summary>
    public int MaxCallDepth { get; }

    /// <summary>How many operation evaluations one method's analysis may take, over all passes of its fixpoint.</summary>
    public int MaxWorkPerMethod { get; }
}
