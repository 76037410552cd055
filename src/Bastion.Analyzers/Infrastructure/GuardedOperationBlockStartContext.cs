using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The operation-block-start context of a guarded analyzer: what is registered on it is guarded. Its
/// <c>GetControlFlowGraph</c> builds a graph without the driver's cache (no Bastion analyzer asks a block-start context
/// for one).</summary>
internal sealed class GuardedOperationBlockStartContext : OperationBlockStartAnalysisContext
{
    private readonly OperationBlockStartAnalysisContext inner;
    private readonly string analyzer;

#pragma warning disable RS1012 // A wrapper: the actions are registered on the wrapped context, by the analyzer.
#pragma warning disable CS0618 // The public constructor is obsolete for creating contexts outside a driver; this one wraps the driver's.
    public GuardedOperationBlockStartContext(OperationBlockStartAnalysisContext inner, string analyzer)
        : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.analyzer = analyzer;
    }
#pragma warning restore CS0618
#pragma warning restore RS1012

    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) =>
        inner.RegisterOperationBlockEndAction(Guarded.OperationBlock(analyzer, action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        inner.RegisterOperationAction(Guarded.Operation(analyzer, action), operationKinds);
}
