using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The operations of a body itself: nested lambdas and local functions are other bodies, with returns of
/// their own, and are not entered. Iterative, so deep code cannot overflow the stack.</summary>
internal static class OwnOperations
{
    /// <param name="body">The body.</param>
    /// <param name="localFunctions">When given, receives the local functions declared in the body (not entered).</param>
    public static IEnumerable<IOperation> Of(IOperation body, List<ILocalFunctionOperation>? localFunctions = null)
    {
        var pending = new Stack<IOperation>(32);
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations)
            {
                if (child is ILocalFunctionOperation local)
                {
                    localFunctions?.Add(local);
                }
                else if (child is not IAnonymousFunctionOperation)
                {
                    pending.Push(child);
                }
            }
        }
    }
}
