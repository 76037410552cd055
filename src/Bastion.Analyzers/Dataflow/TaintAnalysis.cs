using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>One run of the taint analysis over one body's control-flow graph: a forward may-analysis to a fixpoint,
/// a state per block edge, validation applied on the edge where its condition holds, exceptional flow into
/// <c>catch</c>/<c>finally</c> from every point of the <c>try</c>, and calls through the summaries of the methods they
/// run. Work is bounded by passes, by evaluations per body and by expression depth; a bound stops the analysis where it
/// is (flows beyond it are missed, never invented).</summary>
internal sealed partial class TaintAnalysis
{
    private const int MaxPasses = 12;
    private const int MaxExpressionDepth = 200;
    private const int MaxAliasChain = 8;

    private readonly TaintEngine engine;
    private readonly ControlFlowGraph? graph;
    private readonly IMethodSymbol? method;
    private readonly IOperation? unit;
    private readonly int depth;
    private readonly TaintRun run;
    private readonly CancellationToken cancellationToken;
    private readonly bool isolated;
    private readonly Func<object, TaintValue> memberDefault;
    private readonly Dictionary<(SyntaxNode Event, SyntaxNode Sink, string Rule), EventRecord> events = new();
    private readonly HashSet<ISymbol> writtenMembers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<object, object> aliases = new();
    private readonly Dictionary<ISymbol, IOperation?> flags = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, IInvocationOperation?> parsedInto = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, INamedTypeSymbol?> createdTypes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, ISymbol?> captureAliases = new();
    private readonly Dictionary<CaptureId, IOperation?> capturedReferences = new();
    private readonly List<TaintSink> sinkBuffer = new();

    /// <summary>Per <c>try</c> region, the join of every state seen inside it: where its handlers start.</summary>
    private readonly Dictionary<ControlFlowRegion, TaintState> tryStates = new();

    private TaintState state = new();
    private TaintValue returnValue;
    private int work;
    private int expressionDepth;
    private int suppressEvents;
    private bool truncated;
    private int height;
    private bool dependsOnPath;

    public TaintAnalysis(TaintEngine engine, ControlFlowGraph? graph, IMethodSymbol? method, IOperation? unit, int depth, TaintRun run, CancellationToken cancellationToken)
    {
        this.engine = engine;
        this.graph = graph;
        this.method = method;
        this.unit = unit;
        this.depth = depth;
        this.run = run;
        this.cancellationToken = cancellationToken;
        isolated = graph is null;
        memberDefault = MemberDefault;
    }

    private sealed class EventRecord
    {
        public EventRecord(SyntaxNode eventSyntax, TaintSink sink, SyntaxNode reportAt, TaintValue value, string? via)
        {
            EventSyntax = eventSyntax;
            Sink = sink;
            ReportAt = reportAt;
            Value = value;
            Via = via;
        }

        public SyntaxNode EventSyntax { get; }

        public TaintSink Sink { get; }

        public SyntaxNode ReportAt { get; }

        public TaintValue Value { get; set; }

        public string? Via { get; }
    }

    /// <summary>The taint of an expression read on its own (locals, parameters and other members unknown, no calls
    /// followed): what a field initializer or a member assignment puts in the member wherever it runs.</summary>
    public static TaintValue EvaluateInIsolation(TaintEngine engine, IOperation value, CancellationToken cancellationToken) =>
        new TaintAnalysis(engine, null, null, null, engine.Limits.MaxCallDepth + 1, new TaintRun(), cancellationToken).Eval(value);

    public UnitResult Run()
    {
        var blocks = graph!.Blocks;
        var count = blocks.Length;
        var entries = new TaintState?[count];
        var fallThrough = new TaintState?[count];
        var conditional = new TaintState?[count];
        var initial = InitialState();
        PrepareCaptureAliases(blocks);

        for (var pass = 0; pass < MaxPasses && !truncated; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = block.Kind == BasicBlockKind.Entry ? initial.Clone() : EntryState(block, blocks, entries, fallThrough, conditional);
                if (entry is null)
                {
                    continue;
                }

                // Copying and comparing states is work too: a body with thousands of blocks and thousands of live
                // values must hit the bound rather than grow quadratically.
                work += 2 * entry.Count;
                if (work > engine.Limits.MaxWorkPerMethod)
                {
                    truncated = true;
                    break;
                }

                entries[block.Ordinal] = entry;
                state = entry.Clone();
                foreach (var operation in block.Operations)
                {
                    Eval(operation);
                }

                TaintState? whenConditional = null;
                if (block.BranchValue is { } branch)
                {
                    var value = Eval(branch);
                    if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return && block.ConditionalSuccessor is null)
                    {
                        returnValue = returnValue.Join(value);
                    }

                    if (block.ConditionalSuccessor is not null)
                    {
                        var jumpsWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                        whenConditional = state.Clone();
                        Refine(whenConditional, branch, jumpsWhenTrue);
                        Refine(state, branch, !jumpsWhenTrue);
                    }
                }

                if (!state.SameAs(fallThrough[block.Ordinal], memberDefault) ||
                    whenConditional is not null && !whenConditional.SameAs(conditional[block.Ordinal], memberDefault))
                {
                    changed = true;
                }

                fallThrough[block.Ordinal] = state;
                conditional[block.Ordinal] = whenConditional;
                for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
                {
                    if (region.Kind == ControlFlowRegionKind.Try)
                    {
                        tryStates[region] = JoinInto(JoinInto(JoinInto(tryStates.TryGetValue(region, out var seen) ? seen : null, entry), state), whenConditional)!;
                    }
                }
                if (truncated)
                {
                    break;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var exit = entries[count - 1];
        return new UnitResult(Findings(), Summary(exit), height, dependsOnPath);
    }

    private TaintState InitialState()
    {
        var initial = new TaintState();
        if (method is null)
        {
            return initial;
        }

        foreach (var parameter in method.Parameters)
        {
            var description = engine.Sources.DescribeParameter(parameter, method, unit);
            if (description is not null)
            {
                var syntax = parameter.DeclaringSyntaxReferences.Length > 0 ? parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;
                initial.Set(parameter, TaintValue.FromSource(new TaintOrigin(syntax, description)));
            }
            else
            {
                initial.Set(parameter, TaintValue.FromParameter(parameter.Ordinal));
            }
        }

        return initial;
    }

    /// <summary>Captures of a plain local or parameter (<c>switch (name)</c> captures <c>name</c>): validating the
    /// capture validates the variable.</summary>
    private void PrepareCaptureAliases(ImmutableArray<BasicBlock> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is not IFlowCaptureOperation capture)
                {
                    continue;
                }

                ISymbol? symbol = TaintValidation.Unwrap(capture.Value) switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };

                if (captureAliases.TryGetValue(capture.Id, out var existing) && !SymbolEqualityComparer.Default.Equals(existing, symbol))
                {
                    symbol = null;
                }

                captureAliases[capture.Id] = symbol;

                // An assignment whose target the graph captured first (server = x ?? server) writes the captured reference.
                var reference = TaintValidation.Unwrap(capture.Value) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation
                    ? capture.Value
                    : null;
                capturedReferences[capture.Id] = capturedReferences.ContainsKey(capture.Id) ? null : reference;
            }
        }
    }

    private TaintState? EntryState(BasicBlock block, ImmutableArray<BasicBlock> blocks, TaintState?[] entries, TaintState?[] fallThrough, TaintState?[] conditional)
    {
        TaintState? result = null;
        foreach (var predecessor in block.Predecessors)
        {
            var incoming = predecessor.IsConditionalSuccessor ? conditional[predecessor.Source.Ordinal] : fallThrough[predecessor.Source.Ordinal];
            result = JoinInto(result, incoming);
            foreach (var @finally in predecessor.FinallyRegions)
            {
                result = JoinInto(result, fallThrough[@finally.LastBlockOrdinal]);
            }
        }

        // A handler or finally can start at any point of its try: it sees every state the try had.
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally) ||
                region.EnclosingRegion is not { } handlers || handlers.NestedRegions.IsEmpty)
            {
                continue;
            }

            if (tryStates.TryGetValue(handlers.NestedRegions[0], out var tryState))
            {
                result = JoinInto(result, tryState);
            }
        }

        return result;
    }

    private TaintState? JoinInto(TaintState? into, TaintState? incoming)
    {
        if (incoming is null)
        {
            return into;
        }

        if (into is null)
        {
            return incoming.Clone();
        }

        into.JoinWith(incoming, memberDefault);
        return into;
    }

    private TaintValue MemberDefault(object key)
    {
        if (isolated || key is not ISymbol member)
        {
            return TaintValue.Clean;
        }

        return engine.MemberDependency(member).Join(engine.MemberSource(member, method, cancellationToken));
    }

    private TaintValue Read(object key) => state.Read(key, memberDefault);

    private void Write(object key, TaintValue value)
    {
        state.Set(key, value);
        if (key is IFieldSymbol or IPropertySymbol)
        {
            writtenMembers.Add((ISymbol)key);
        }
    }
}
