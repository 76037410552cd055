using System.Threading;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>An operation whose pre-check needs a method the driver has not visited yet, or that waits until a source has
/// been seen (<see cref="TaintEngine.SawSource"/>): kept for compilation end by its syntax, kind and called method, not
/// as an operation (that would keep every bound body of a build alive).</summary>
internal readonly struct PendingOperation
{
    private readonly OperationAt at;

    public PendingOperation(IOperation operation, ISymbol containingSymbol, IMethodSymbol? target)
    {
        at = new OperationAt(operation);
        ContainingSymbol = containingSymbol;
        Target = target;
    }

    public SyntaxNode Syntax => at.Syntax;

    public OperationKind Kind => at.Kind;

    public ISymbol ContainingSymbol { get; }

    /// <summary>The method called: whether any of its implementations reaches a sink decides. Null when the operation is
    /// a sink itself, given a value some context could make untrusted.</summary>
    public IMethodSymbol? Target { get; }

    /// <summary>The operation again, from the semantic model (the driver's, or a new one if it has let it go).</summary>
    public IOperation? Find(Compilation compilation, CancellationToken cancellationToken) => at.Find(compilation, cancellationToken);
}
