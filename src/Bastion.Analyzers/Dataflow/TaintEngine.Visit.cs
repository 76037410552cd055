using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>An operation whose pre-check needs a method the driver has not visited yet: kept for compilation end by its
/// syntax, kind and called method, not as an operation (that would keep every bound body of a build alive).</summary>
internal readonly struct PendingOperation
{
    private readonly OperationAt at;

    public PendingOperation(IOperation operation, ISymbol containingSymbol, IMethodSymbol target)
    {
        at = new OperationAt(operation);
        ContainingSymbol = containingSymbol;
        Target = target;
    }

    public SyntaxNode Syntax => at.Syntax;

    public OperationKind Kind => at.Kind;

    public ISymbol ContainingSymbol { get; }

    /// <summary>The method called: whether any of its implementations reaches a sink decides.</summary>
    public IMethodSymbol Target { get; }

    /// <summary>The operation again, from the semantic model (the driver's, or a new one if it has let it go).</summary>
    public IOperation? Find(Compilation compilation, CancellationToken cancellationToken) => at.Find(compilation, cancellationToken);
}

internal sealed partial class TaintEngine
{
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<IOperation>> visits = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentQueue<PendingOperation> pending = new();

    /// <summary>The operations kept for compilation end, for every rule of the family (read, not taken: each rule's
    /// compilation-end action reports its own findings among them).</summary>
    public IEnumerable<PendingOperation> Pending => pending;

    /// <summary>What the family needs of one symbol's operation blocks, which the driver has just bound, in one walk: the
    /// callees and open sinks of the method and of each local function declared in it are recorded for the call-graph
    /// search, and of its invocations, creations and assignments (in lambdas too, as operation actions would see them)
    /// those the pre-check answers "yes" for are returned, to be analysed now. With <paramref name="bindCallees"/> (an
    /// editor) the search binds the methods it needs; without (a command-line build) it answers from what the visits so
    /// far recorded, binds nothing, and keeps what it cannot answer until every method is visited in
    /// <see cref="Pending"/>. Each symbol is walked once; the family's other rules get the same answer.</summary>
    public ImmutableArray<IOperation> Visit(ISymbol owner, ImmutableArray<IOperation> blocks, bool bindCallees, CancellationToken cancellationToken)
    {
        if (visits.TryGetValue(owner, out var known))
        {
            return known;
        }

        var waiting = new List<PendingOperation>();
        var result = ComputeVisit(owner, blocks, bindCallees, waiting, cancellationToken);
        if (visits.TryAdd(owner, result))
        {
            foreach (var operation in waiting)
            {
                pending.Enqueue(operation);
            }

            return result;
        }

        return visits[owner];
    }

    private ImmutableArray<IOperation> ComputeVisit(ISymbol owner, ImmutableArray<IOperation> blocks, bool bindCallees, List<PendingOperation> waiting, CancellationToken cancellationToken)
    {
        // First the records (so a call of the method itself or of one of its local functions is answered from them),
        // then the pre-check of every candidate.
        var records = new Dictionary<IMethodSymbol, List<IMethodSymbol?>>(SymbolEqualityComparer.Default);
        var candidates = new List<(IOperation Operation, bool Open, IMethodSymbol? Target)>();
        var ownerMethod = owner is IMethodSymbol method && HasBody(Definition(method)) ? Definition(method) : null;
        if (ownerMethod is not null && callees.ContainsKey(ownerMethod))
        {
            ownerMethod = null;
        }

        var stack = new Stack<(IOperation Operation, IMethodSymbol? Record)>(64);
        foreach (var block in blocks)
        {
            stack.Push((block, ownerMethod));
        }

        var visited = 0;
        while (stack.Count > 0)
        {
            var (operation, record) = stack.Pop();
            if (++visited % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Kinds, not type tests: this runs for every operation of every body, and a failed interface cast costs more.
            foreach (var child in operation.ChildOperations)
            {
                var childRecord = child.Kind switch
                {
                    OperationKind.LocalFunction => ((ILocalFunctionOperation)child).Symbol is { } local && !callees.ContainsKey(local) ? local : null,
                    OperationKind.AnonymousFunction => null,
                    _ => record,
                };
                stack.Push((child, childRecord));
            }

            var kind = operation.Kind;
            var gated = IsPreCheckedKind(kind);
            if (!gated && !(record is not null && kind == OperationKind.PropertyReference))
            {
                continue;
            }

            var (open, target) = Inspect(operation, cancellationToken);
            if (record is not null)
            {
                if (!records.TryGetValue(record, out var list))
                {
                    records[record] = list = new List<IMethodSymbol?>();
                }

                // As Callees: a body with an open sink (or too large to read) reaches a sink, whatever else it calls.
                if (list.Count == 0 || list[list.Count - 1] is not null)
                {
                    AddToRecord(list, open || visited > Limits.MaxWorkPerMethod, target);
                }
            }

            if (gated && (open || target is not null))
            {
                candidates.Add((operation, open, target));
            }
        }

        if (ownerMethod is not null && !records.ContainsKey(ownerMethod))
        {
            records[ownerMethod] = new List<IMethodSymbol?>();
        }

        foreach (var pair in records)
        {
            callees.TryAdd(pair.Key, pair.Value.Count == 0 ? System.Array.Empty<IMethodSymbol?>() : pair.Value.ToArray());
        }

        var now = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var (operation, open, target) in candidates)
        {
            if (open)
            {
                now.Add(operation);
                continue;
            }

            switch (ReachesSinkThrough(target!, visitedOnly: !bindCallees, cancellationToken))
            {
                case true:
                    now.Add(operation);
                    break;
                case null:
                    waiting.Add(new PendingOperation(operation, owner, target!));
                    break;
            }
        }

        return now.Count == 0 ? ImmutableArray<IOperation>.Empty : now.ToImmutable();
    }
}
