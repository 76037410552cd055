using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Which writes of a local can reach one of its reads, from the compiler's control-flow graph: a backward walk
/// from the read that stops, on each path, at the first write it meets. Blocks the compiler proves unreachable (a branch
/// on a constant condition) are not walked. The answer is the set of the writes' syntax (an assignment, a declarator,
/// or the local's own name in an <c>out</c> argument or compound assignment), or null when the graph cannot say:
/// a read or write inside a lambda or local function, a path that leaves the graph other than through its entry (a
/// <c>catch</c> or <c>finally</c>, whose exceptional edges the graph leaves implicit), or a body the graph does not cover.
/// Null means "every write may reach", which is what the caller assumes without the graph.</summary>
internal static class ReachingWrites
{
    private static readonly ConditionalWeakTable<IOperation, Box> Graphs = new();

    /// <summary>The graph of a root, made once: null when the root is not one the compiler builds a graph for.</summary>
    private sealed class Box
    {
        public Box(ControlFlowGraph? graph) => Graph = graph;

        public ControlFlowGraph? Graph { get; }
    }

    public static HashSet<SyntaxNode>? Of(IOperation root, ILocalReferenceOperation read, CancellationToken cancellationToken)
    {
        var graph = GraphOf(root, cancellationToken);
        if (graph is null || !Locate(graph, read, out var start, out var index))
        {
            return null;
        }

        var local = read.Local;
        var found = new HashSet<SyntaxNode>();
        var visited = new HashSet<int> { start.Ordinal };
        var pending = new Stack<BasicBlock>();
        if (!ScanBack(start, index - 1, local, found))
        {
            if (!PushPredecessors(start, visited, pending))
            {
                return null;
            }
        }

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = pending.Pop();
            if (!ScanBack(block, block.Operations.Length, local, found) && !PushPredecessors(block, visited, pending))
            {
                return null;
            }
        }

        return found;
    }

    private static ControlFlowGraph? GraphOf(IOperation root, CancellationToken cancellationToken)
    {
        if (Graphs.TryGetValue(root, out var box))
        {
            return box.Graph;
        }

        ControlFlowGraph? graph = null;
        if (root.Parent is null && root.SemanticModel is not null)
        {
            graph = root switch
            {
                IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
                IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
                IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
                IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
                IParameterInitializerOperation parameter => ControlFlowGraph.Create(parameter, cancellationToken),
                _ => null,
            };
        }

        return Graphs.GetValue(root, _ => new Box(graph)).Graph;
    }

    /// <summary>The block and operation index (the branch value counts as the index after the last operation) of the
    /// read, found by its syntax.</summary>
    private static bool Locate(ControlFlowGraph graph, ILocalReferenceOperation read, out BasicBlock block, out int index)
    {
        foreach (var candidate in graph.Blocks)
        {
            for (var i = 0; i <= candidate.Operations.Length; i++)
            {
                var operation = i < candidate.Operations.Length ? candidate.Operations[i] : candidate.BranchValue;
                if (operation is null || !operation.Syntax.Span.Contains(read.Syntax.Span))
                {
                    continue;
                }

                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation reference && reference.Syntax == read.Syntax &&
                        SymbolEqualityComparer.Default.Equals(reference.Local, read.Local))
                    {
                        block = candidate;
                        index = i;
                        return true;
                    }
                }
            }
        }

        block = null!;
        index = 0;
        return false;
    }

    /// <summary>Looks for writes in <paramref name="block"/> from operation <paramref name="from"/> back to its first;
    /// true when one was found (the path ends there).</summary>
    private static bool ScanBack(BasicBlock block, int from, ILocalSymbol local, HashSet<SyntaxNode> found)
    {
        for (var i = from; i >= 0; i--)
        {
            var operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue;
            if (operation is null)
            {
                continue;
            }

            var wrote = false;
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        found.Add(assignment.Syntax);
                        found.Add(target.Syntax);
                        wrote = true;
                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && LocalWrites.IsOtherWrite(reference):
                        found.Add(reference.Syntax);
                        wrote = true;
                        break;
                }
            }

            if (wrote)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Queues the reachable predecessors not seen yet; false when the walk reaches the start of a block other
    /// than the entry that has none (a <c>catch</c>, <c>filter</c> or <c>finally</c>: reached by exceptional flow).</summary>
    private static bool PushPredecessors(BasicBlock block, HashSet<int> visited, Stack<BasicBlock> pending)
    {
        if (block.Kind == BasicBlockKind.Entry)
        {
            return true;
        }

        if (block.Predecessors.IsEmpty)
        {
            return false;
        }

        foreach (var branch in block.Predecessors)
        {
            var source = branch.Source;
            if (source.IsReachable && visited.Add(source.Ordinal))
            {
                pending.Push(source);
            }
        }

        return true;
    }
}
