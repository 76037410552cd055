using System.Collections.Concurrent;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The taint engine, one per compilation and rule family: does untrusted data reach a sink? Sink-first: an
/// operation is looked at only when it is a sink or calls a method of this compilation that reaches one
/// (<see cref="MayReachSink"/>), and only then is its method analysed — forward over the compiler's control-flow graph,
/// with a state per block, validation applied on the branch where it holds, and summaries of the methods it calls
/// (virtual and interface calls through every implementation in the compilation). Results are deterministic whatever
/// order the driver analyses methods in: a summary is memoised only when it does not depend on the call path (no
/// recursion met) and is reused only where the remaining depth covers the depth it needed.</summary>
internal sealed partial class TaintEngine
{
    private readonly Compilation compilation;

    /// <summary>The compilation's own assembly, asked for by every call the pre-check looks at.</summary>
    private readonly IAssemblySymbol assembly;

    internal Compilation Compilation => compilation;
    private readonly ITaintSinkCatalog sinks;
    private readonly ConcurrentDictionary<SyntaxNode, UnitResult> rootResults = new();
    private readonly ConcurrentDictionary<IMethodSymbol, UnitResult> summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> reachesSink = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?[]> callees = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?[]> bodiesCalled = new(SymbolEqualityComparer.Default);

    // One spare buffer each, taken with Interlocked.Exchange (so concurrent and nested callers just allocate their own):
    // the pre-check runs for every invocation, creation and assignment of the build.
    private List<TaintSink>? sinkBuffer;
    private List<IMethodSymbol?>? calleeBuffer;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);
    private readonly System.Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> findImplementations;
    private readonly ConcurrentDictionary<ISymbol, TaintValue> memberSources = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)>> memberWriters = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, TaintValue> memberDependencies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IPropertySymbol, bool> autoProperties = new(SymbolEqualityComparer.Default);

    public TaintEngine(Compilation compilation, ITaintSinkCatalog sinks, ITaintSourceCatalog sources, TaintValidation validation, TaintLimits limits)
    {
        this.compilation = compilation;
        assembly = compilation.Assembly;
        this.sinks = sinks;
        Sources = sources;
        Validation = validation;
        Limits = limits;
        Fixed = new FixedValues(this, compilation);
        findImplementations = FindImplementations;
    }

    /// <summary>Values no context can make untrusted (<see cref="FixedValues"/>): a sink given one is not a reason to
    /// analyse anything.</summary>
    public FixedValues Fixed { get; }

    public ITaintSourceCatalog Sources { get; }

    public TaintValidation Validation { get; }

    public TaintLimits Limits { get; }

    public ITaintSinkCatalog Sinks => sinks;

    /// <summary>Cheap pre-check: <paramref name="operation"/> is a sink given a value that is not fixed, or calls (or sets a
    /// property of) a method of this compilation that reaches one. Binds the bodies of methods the driver has not visited
    /// yet (unless <see cref="Visit"/> recorded them) when it needs them; what it learns of each method is memoised for
    /// the family.</summary>
    public bool MayReachSink(IOperation operation, CancellationToken cancellationToken)
    {
        var (open, target) = Inspect(operation, operation.Kind, cancellationToken);
        return open || target is not null && ReachesSinkThrough(target, cancellationToken);
    }

    /// <summary>Whether a call of <paramref name="target"/> (any of its implementations) reaches a sink, binding what it must.</summary>
    public bool ReachesSinkThrough(IMethodSymbol target, CancellationToken cancellationToken) =>
        ReachesSinkThrough(target, visitedOnly: false, cancellationToken) == true;

    /// <summary>Whether any implementation of <paramref name="target"/> reaches a sink (<see cref="ReachesSink"/>): null
    /// when none is known to and, with <paramref name="visitedOnly"/>, one needs a method not visited yet.</summary>
    private bool? ReachesSinkThrough(IMethodSymbol target, bool visitedOnly, CancellationToken cancellationToken)
    {
        var unknown = false;
        foreach (var implementation in Implementations(target))
        {
            switch (ReachesSink(implementation, visitedOnly, cancellationToken))
            {
                case true:
                    return true;
                case null:
                    unknown = true;
                    break;
            }
        }

        return unknown ? null : false;
    }

    /// <summary>What the pre-check and a body's record need of one operation: whether it is a sink given a value some
    /// context could make untrusted, and the method of this compilation it calls, if any.</summary>
    private (bool Open, IMethodSymbol? Target) Inspect(IOperation operation, OperationKind kind, CancellationToken cancellationToken)
    {
        // A property read is never a sink of its own: only its getter matters (it runs for every property read of a body).
        // Nor, for most catalogues, is a call of a method of this compilation: its body is what counts.
        var target = CalledMethod(operation, kind);
        var inSource = target is not null && IsInSource(target);
        var open = false;
        if (kind != OperationKind.PropertyReference &&
            !(inSource && kind is OperationKind.Invocation or OperationKind.ObjectCreation && !sinks.SinksInSourceMembers))
        {
            var found = Interlocked.Exchange(ref sinkBuffer, null) ?? new List<TaintSink>();
            sinks.Collect(operation, found);
            open = found.Count > 0 && HasOpenSink(found, cancellationToken);
            found.Clear();
            sinkBuffer = found;
        }

        return (open, inSource ? target : null);
    }

    /// <summary>The operations the pre-check answers for: invocations, creations and assignments.</summary>
    private bool IsPreCheckedKind(OperationKind kind) =>
        kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment or OperationKind.CompoundAssignment ||
        kind is OperationKind.Binary or OperationKind.ArrayCreation && sinks.SinksInBounds;

    /// <summary>Adds what one operation of a body contributes to the body's record of callees (<see cref="Callees"/>): a
    /// null element for an open sink, which ends the record; else the method it calls, as declared. Which bodies a call
    /// may run is looked up only when a search walks the call (<see cref="CalleesOf"/>): most records are never searched.
    /// A body calls the same methods again and again: <paramref name="called"/> holds the methods the record already has,
    /// so each is listed once.</summary>
    private static void AddToRecord(List<IMethodSymbol?> record, HashSet<IMethodSymbol> called, bool open, IMethodSymbol? target)
    {
        if (open)
        {
            record.Add(null);
        }
        else if (target is not null && called.Add(target = Definition(target)))
        {
            record.Add(target);
        }
    }

    private IMethodSymbol?[] Record(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
    {
        var locals = new List<ILocalFunctionOperation>();
        var recorded = callees.GetOrAdd(method, Callees(body, locals, cancellationToken));
        for (var i = 0; i < locals.Count && i < 256; i++)
        {
            if (locals[i].Symbol is { } local && !callees.ContainsKey(local))
            {
                callees.TryAdd(local, Callees(locals[i], locals, cancellationToken));
            }
        }

        return recorded;
    }

    /// <summary>Whether any of <paramref name="found"/> is given a value that some context could make untrusted.</summary>
    private bool HasOpenSink(List<TaintSink> found, CancellationToken cancellationToken)
    {
        foreach (var sink in found)
        {
            // A number is a fixed value for every sink but a size or count, where only a constant is.
            if (sink.Kinds == SinkKinds.Amount ? !sink.Value.ConstantValue.HasValue : !Fixed.IsFixed(sink.Value, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The findings completed at <paramref name="operation"/>, from the analysis of the body that contains it.</summary>
    public ImmutableArray<TaintFinding> FindingsAt(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken)
    {
        var result = ResultOfUnit(operation, containingSymbol, cancellationToken);
        if (result is null)
        {
            return ImmutableArray<TaintFinding>.Empty;
        }

        var syntax = operation.Syntax;
        var builder = ImmutableArray.CreateBuilder<TaintFinding>();
        foreach (var finding in result.Findings)
        {
            if (finding.EventSyntax == syntax)
            {
                builder.Add(finding);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Every finding of the body that contains <paramref name="operation"/>: for source-first families, whose
    /// sources are rare and local (an exception's details in a <c>catch</c>), so the body is analysed only when it reads one.</summary>
    public ImmutableArray<TaintFinding> FindingsIn(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken) =>
        ResultOfUnit(operation, containingSymbol, cancellationToken)?.Findings ?? ImmutableArray<TaintFinding>.Empty;

    internal UnitResult? ResultOfUnit(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken)
    {
        var unit = UnitOf(operation, out var root);
        if (unit is null || root is null)
        {
            return null;
        }

        if (rootResults.TryGetValue(unit.Syntax, out var result))
        {
            return result;
        }

        var method = unit switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => containingSymbol switch
            {
                IMethodSymbol containing => containing,
                IPropertySymbol property => property.GetMethod,
                _ => null,
            },
        };

        // A method's body is analysed once for its findings and its summary alike.
        if (unit == root && method is not null && HasBody(Definition(method)) && SummaryOf(method, 0, new TaintRun(), cancellationToken) is { } summarized)
        {
            result = summarized;
        }
        else
        {
            var graph = GraphForUnit(unit, root, cancellationToken);
            if (graph is null)
            {
                return null;
            }

            result = new TaintAnalysis(this, graph, method, unit, depth: 0, new TaintRun(), cancellationToken).Run();
        }

        return rootResults.GetOrAdd(unit.Syntax, result);
    }

    /// <summary>The summary of a method of this compilation called <paramref name="depth"/> calls below the place of
    /// report, or null when it is beyond the depth bound, on the current path already (recursion), or has no body.</summary>
    internal UnitResult? SummaryOf(IMethodSymbol method, int depth, TaintRun run, CancellationToken cancellationToken)
    {
        method = Definition(method);
        if (depth > Limits.MaxCallDepth || run.InProgress.Contains(method))
        {
            return null;
        }

        if (summaries.TryGetValue(method, out var cached) && (long)depth + cached.Height <= Limits.MaxCallDepth)
        {
            return cached;
        }

        // Within one run a method is analysed once: the run is sequential, so what it reuses is the same every time.
        if (run.Computed.TryGetValue(method, out var computed))
        {
            return computed;
        }

        if (++run.Analysed > TaintRun.MaxMethodsPerRun)
        {
            return null;
        }

        var graph = GraphForMethod(method, cancellationToken, out var unit);
        if (graph is null)
        {
            return null;
        }

        run.InProgress.Add(method);
        try
        {
            var result = new TaintAnalysis(this, graph, method, unit, depth, run, cancellationToken).Run();
            run.Computed[method] = result;
            if (!result.DependsOnPath && result.Height != int.MaxValue)
            {
                summaries[method] = result;
            }

            return result;
        }
        finally
        {
            run.InProgress.Remove(method);
        }
    }

    /// <summary>The bodies a call may run: the method itself, or for virtual, abstract and interface members every override
    /// and implementation declared in this compilation (at most 32).</summary>
    internal ImmutableArray<IMethodSymbol> Implementations(IMethodSymbol method)
    {
        method = Definition(method);
        return implementations.TryGetValue(method, out var known) ? known : implementations.GetOrAdd(method, findImplementations);
    }

    private ImmutableArray<IMethodSymbol> FindImplementations(IMethodSymbol method) => MethodImplementations.Find(compilation, method, HasBody);
}
