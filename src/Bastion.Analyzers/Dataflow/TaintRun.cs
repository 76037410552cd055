using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The state of one analysis from a place of report: the methods on the current call path, and the summaries
/// already computed in this run (so that each method is analysed at most once per run, whatever the shape of the call
/// graph), within a budget of methods per run.</summary>
internal sealed class TaintRun
{
    public const int MaxMethodsPerRun = 1_000;

    public HashSet<IMethodSymbol> InProgress { get; } = new(SymbolEqualityComparer.Default);

    public Dictionary<IMethodSymbol, UnitResult> Computed { get; } = new(SymbolEqualityComparer.Default);

    public int Analysed { get; set; }
}
