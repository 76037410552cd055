using System.Linq;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The call-graph search: whether a method reaches a sink through the methods it calls.</summary>
internal sealed partial class TaintEngine
{
    /// <summary>Whether a sink is reachable from <paramref name="start"/> through methods of this compilation: a
    /// depth-first search of the call graph. "Yes" is memoised for the method and every method on the path to the sink;
    /// "no" for every method the complete search visited. Past the budget the answer is "yes" (it only decides whether
    /// to analyse), and nothing is memoised. With <paramref name="visitedOnly"/>, only what <see cref="Visit"/>
    /// recorded is used, and the answer is null (nothing memoised but a "yes") when the search needs any other method.</summary>
    private bool? ReachesSink(IMethodSymbol start, bool visitedOnly, CancellationToken cancellationToken)
    {
        start = Definition(start);
        if (reachesSink.TryGetValue(start, out var known))
        {
            return known;
        }

        if (CalleesOf(start, visitedOnly, cancellationToken) is not { } first)
        {
            return null;
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
        var path = new List<(IMethodSymbol Method, IMethodSymbol?[] Callees, int Next)> { (start, first, 0) };
        var found = false;
        while (path.Count > 0 && !found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (current, calleesOfCurrent, next) = path[path.Count - 1];
            if (next >= calleesOfCurrent.Length)
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }

            path[path.Count - 1] = (current, calleesOfCurrent, next + 1);
            var callee = calleesOfCurrent[next];
            if (callee is null)
            {
                found = true;
                break;
            }

            if (reachesSink.TryGetValue(callee, out var calleeKnown))
            {
                found = calleeKnown;
                continue;
            }

            if (!visited.Add(callee))
            {
                continue;
            }

            if (visited.Count > TaintRun.MaxMethodsPerRun)
            {
                return true;
            }

            if (CalleesOf(callee, visitedOnly, cancellationToken) is not { } calleesOfCallee)
            {
                return null;
            }

            path.Add((callee, calleesOfCallee, 0));
        }

        if (found)
        {
            foreach (var (method, _, _) in path)
            {
                reachesSink[method] = true;
            }

            return true;
        }

        foreach (var method in visited)
        {
            reachesSink.TryAdd(method, false);
        }

        return false;
    }

    /// <summary>The bodies <paramref name="method"/> may run by its calls (every implementation of a virtual call), ending
    /// in a null element when it contains an open sink: its record (<see cref="RecordOf"/>) with each call looked up once.
    /// Null when it was not visited and may not be bound.</summary>
    private IMethodSymbol?[]? CalleesOf(IMethodSymbol method, bool visitedOnly, CancellationToken cancellationToken)
    {
        if (bodiesCalled.TryGetValue(method, out var known))
        {
            return known;
        }

        if (RecordOf(method, visitedOnly, cancellationToken) is not { } record)
        {
            return null;
        }

        // Only the methods a search walks are looked up; a record whose calls each run just the method called is kept as is.
        var bodies = new List<IMethodSymbol?>(record.Length);
        var expanded = false;
        foreach (var call in record)
        {
            if (call is null)
            {
                bodies.Add(null);
                continue;
            }

            var implementations = Implementations(call);
            expanded |= !(implementations.Length == 1 && SymbolEqualityComparer.Default.Equals(implementations[0], call));
            foreach (var implementation in implementations)
            {
                bodies.Add(Definition(implementation));
            }
        }

        return bodiesCalled.GetOrAdd(method, expanded ? bodies.ToArray() : record);
    }

    /// <summary>The record of <paramref name="method"/> (<see cref="Callees"/>), as made when the driver visited it or,
    /// unless <paramref name="visitedOnly"/>, from its body (bound now if need be); null when it was not visited and may
    /// not be bound.</summary>
    private IMethodSymbol?[]? RecordOf(IMethodSymbol method, bool visitedOnly, CancellationToken cancellationToken)
    {
        if (callees.TryGetValue(method, out var recorded))
        {
            return recorded;
        }

        if (visitedOnly)
        {
            return null;
        }

        return BodyOf(method, cancellationToken) is { } body ? Record(method, body, cancellationToken) : callees.GetOrAdd(method, System.Array.Empty<IMethodSymbol?>());
    }

    /// <summary>The methods of this compilation a body calls, as declared, ending in a null element when the body
    /// contains an open sink itself (or is too large to read). The local functions declared
    /// directly in the body are added to <paramref name="locals"/>.</summary>
    private IMethodSymbol?[] Callees(IOperation body, List<ILocalFunctionOperation> locals, CancellationToken cancellationToken)
    {
        var result = Interlocked.Exchange(ref calleeBuffer, null) ?? new List<IMethodSymbol?>();
        result.Clear();
        var called = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var visited = 0;
        foreach (var operation in Infrastructure.OwnOperations.Of(body, locals))
        {
            if (++visited > Limits.MaxWorkPerMethod)
            {
                result.Add(null);
                break;
            }

            var kind = operation.Kind;
            if (!IsPreCheckedKind(kind) && kind != OperationKind.PropertyReference)
            {
                continue;
            }

            var (open, target) = Inspect(operation, kind, cancellationToken);
            AddToRecord(result, called, open, target);
            if (open)
            {
                break;
            }
        }

        var array = result.Count == 0 ? System.Array.Empty<IMethodSymbol?>() : result.ToArray();
        result.Clear();
        calleeBuffer = result;
        return array;
    }
}
