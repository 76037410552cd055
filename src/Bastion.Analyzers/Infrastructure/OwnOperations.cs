using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The operations of a body itself: nested lambdas and local functions are other bodies, with returns of
/// their own, and are not entered. Iterative, so deep code cannot overflow the stack.</summary>
internal static class OwnOperations
{
    public static IEnumerable<IOperation> Of(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
