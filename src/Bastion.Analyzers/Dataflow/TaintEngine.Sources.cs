using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Whether the compilation reads any untrusted data at all, learnt on the driver's walk of every body
/// (<see cref="Visit"/>). A flow starts at a source: where none is read, no call waiting for compilation end can carry
/// one to a sink, and a library that reads no input pays for its sinks only while the driver visits them.</summary>
internal sealed partial class TaintEngine
{
    private volatile bool sawSource;

    /// <summary>Whether a visited body read a source, or has a parameter that is one (an action's, a handler's).</summary>
    public bool SawSource => sawSource;

    private bool ReadsSource(IOperation operation, OperationKind kind)
    {
        switch (kind)
        {
            case OperationKind.PropertyReference:
                return Sources.Describe(operation) is not null;
            case OperationKind.Invocation:
                var invocation = (IInvocationOperation)operation;
                return Sources.Describe(invocation) is not null || Sources.DescribeBufferFill(invocation) is not null ||
                    sinks.SinksInBounds && Sources.DescribeUnbounded(invocation) is not null;
            case OperationKind.SimpleAssignment when sinks.SinksInBounds:
                return TaintSources.DescribeExtremeLocal((ISimpleAssignmentOperation)operation) is not null;
            case OperationKind.AnonymousFunction:
                var lambda = (IAnonymousFunctionOperation)operation;
                return !lambda.Symbol.Parameters.IsEmpty && HasSourceParameter(lambda.Symbol, lambda);
            default:
                return false;
        }
    }

    private bool HasSourceParameter(IMethodSymbol method, IOperation? unit)
    {
        foreach (var parameter in method.Parameters)
        {
            if (Sources.DescribeParameter(parameter, method, unit) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
