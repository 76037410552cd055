using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

internal sealed partial class TaintEngine
{
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
    /// <see cref="Pending"/>. The driver makes one operation-block callback per symbol for the family (its rules share
    /// one action), so nothing is kept of a visit but what it records; a second visit of the same symbol (rules hosted
    /// apart) makes the same records and findings, which each rule reports once.</summary>
    public ImmutableArray<IOperation> Visit(ISymbol owner, ImmutableArray<IOperation> blocks, bool bindCallees, CancellationToken cancellationToken)
    {
        var scratch = Interlocked.Exchange(ref visitScratch, null) ?? new VisitScratch();
        try
        {
            return ComputeVisit(owner, blocks, bindCallees, scratch, cancellationToken);
        }
        finally
        {
            scratch.Clear();
            visitScratch = scratch;
        }
    }

    /// <summary>The collections one visit works in, kept between visits (taken with <see cref="Interlocked.Exchange{T}(ref T, T)"/>,
    /// so a concurrent visit just makes its own): a visit runs for every body of the build, and new collections per visit
    /// would be most of what it allocates.</summary>
    private sealed class VisitScratch
    {
        public readonly Stack<(IOperation Operation, IMethodSymbol? Record)> Stack = new(64);
        public readonly Dictionary<IMethodSymbol, List<IMethodSymbol?>> Records = new(SymbolEqualityComparer.Default);
        public readonly Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> Called = new(SymbolEqualityComparer.Default);
        public readonly Stack<HashSet<IMethodSymbol>> SpareSets = new();
        public readonly List<(IOperation Operation, bool Open, IMethodSymbol? Target)> Candidates = new();
        public readonly Dictionary<IMethodSymbol, bool?> Answers = new(SymbolEqualityComparer.Default);
        public readonly Stack<List<IMethodSymbol?>> SpareLists = new();

        public List<IMethodSymbol?> NewList() => SpareLists.Count > 0 ? SpareLists.Pop() : new List<IMethodSymbol?>();

        public HashSet<IMethodSymbol> CalledBy(IMethodSymbol record)
        {
            if (!Called.TryGetValue(record, out var set))
            {
                Called[record] = set = SpareSets.Count > 0 ? SpareSets.Pop() : new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            }

            return set;
        }

        public void Clear()
        {
            Stack.Clear();
            foreach (var list in Records.Values)
            {
                list.Clear();
                SpareLists.Push(list);
            }

            Records.Clear();
            foreach (var set in Called.Values)
            {
                set.Clear();
                SpareSets.Push(set);
            }

            Called.Clear();
            Candidates.Clear();
            Answers.Clear();
        }
    }

    private VisitScratch? visitScratch;

    private ImmutableArray<IOperation> ComputeVisit(
        ISymbol owner, ImmutableArray<IOperation> blocks, bool bindCallees, VisitScratch scratch, CancellationToken cancellationToken)
    {
        // First the records (so a call of the method itself or of one of its local functions is answered from them),
        // then the pre-check of every candidate.
        var records = scratch.Records;
        var candidates = scratch.Candidates;
        var ownerMethod = owner is IMethodSymbol method && HasBody(Definition(method)) ? Definition(method) : null;
        if (ownerMethod is not null && callees.ContainsKey(ownerMethod))
        {
            ownerMethod = null;
        }

        if (!sawSource && owner is IMethodSymbol { Parameters.IsEmpty: false } withParameters && HasSourceParameter(withParameters, null))
        {
            sawSource = true;
        }

        var stack = scratch.Stack;
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
            if (!sawSource && ReadsSource(operation, kind))
            {
                sawSource = true;
            }

            var gated = IsPreCheckedKind(kind);
            if (!gated && !(record is not null && kind == OperationKind.PropertyReference))
            {
                continue;
            }

            var (open, target) = Inspect(operation, kind, cancellationToken);
            if (record is not null)
            {
                if (!records.TryGetValue(record, out var list))
                {
                    records[record] = list = scratch.NewList();
                }

                // As Callees: a body with an open sink (or too large to read) reaches a sink, whatever else it calls.
                if (list.Count == 0 || list[list.Count - 1] is not null)
                {
                    AddToRecord(list, scratch.CalledBy(record), open || visited > Limits.MaxWorkPerMethod, target);
                }
            }

            if (gated && (open || target is not null))
            {
                candidates.Add((operation, open, target));
            }
        }

        if (ownerMethod is not null && !records.ContainsKey(ownerMethod))
        {
            records[ownerMethod] = scratch.NewList();
        }

        foreach (var pair in records)
        {
            callees.TryAdd(pair.Key, pair.Value.Count == 0 ? System.Array.Empty<IMethodSymbol?>() : pair.Value.ToArray());
        }

        ImmutableArray<IOperation>.Builder? now = null;
        foreach (var (operation, open, target) in candidates)
        {
            // A body calls the same methods again and again: each is asked once per visit. (Another thread's visit in between
            // could answer a later call at once; left waiting, it is answered at compilation end just the same.)
            // Until some body reads a source, nothing can reach a sink now, and whether the call reaches one is asked at
            // compilation end only if one does: a library that reads no input searches nothing.
            bool? reaches = true;
            if (!open && (bindCallees || sawSource) && !scratch.Answers.TryGetValue(target!, out reaches))
            {
                reaches = ReachesSinkThrough(target!, visitedOnly: !bindCallees, cancellationToken);
                scratch.Answers[target!] = reaches;
            }

            switch (reaches)
            {
                case true when !bindCallees && !sawSource:
                    // Nothing read so far can reach it: analysed at compilation end if some body reads a source.
                    pending.Enqueue(new PendingOperation(operation, owner, open ? null : target));
                    break;
                case true:
                    (now ??= ImmutableArray.CreateBuilder<IOperation>()).Add(operation);
                    break;
                case null:
                    pending.Enqueue(new PendingOperation(operation, owner, target!));
                    break;
            }
        }

        return now is null ? ImmutableArray<IOperation>.Empty : now.ToImmutable();
    }
}
