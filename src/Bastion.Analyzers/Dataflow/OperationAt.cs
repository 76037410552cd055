using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>An operation kept as its syntax and kind, found again from the semantic model when needed.</summary>
internal readonly struct OperationAt
{
    public OperationAt(IOperation operation)
    {
        Syntax = operation.Syntax;
        Kind = operation.Kind;
    }

    public SyntaxNode Syntax { get; }

    public OperationKind Kind { get; }

    /// <summary>The operation again, from the semantic model (the driver's, or a new one if it has let it go).</summary>
    public IOperation? Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var model = MethodBodies.ModelFor(compilation, Syntax.SyntaxTree);
        IOperation? found = null;
        for (var node = Syntax; node is not null && found is null; node = node.Parent)
        {
            found = model.GetOperation(node, cancellationToken);
        }

        while (found?.Parent is { } parent)
        {
            found = parent;
        }

        if (found is null)
        {
            return null;
        }

        foreach (var operation in found.DescendantsAndSelf())
        {
            if (operation.Syntax == Syntax && operation.Kind == Kind)
            {
                return operation;
            }
        }

        return null;
    }
}
