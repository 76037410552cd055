using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Control-flow graphs: the unit of analysis for an operation and the graph of a method or a nested function.</summary>
internal sealed partial class TaintEngine
{
    /// <summary>The body an operation belongs to: the nearest lambda or local function, or the member's root.</summary>
    private static IOperation? UnitOf(IOperation operation, out IOperation? root)
    {
        IOperation? unit = null;
        root = null;
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (unit is null && current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                unit = current;
            }

            root = current;
        }

        return unit ?? root;
    }

    private static ControlFlowGraph? GraphForUnit(IOperation unit, IOperation root, CancellationToken cancellationToken)
    {
        var graph = CreateGraph(root, cancellationToken);
        if (graph is null || unit == root)
        {
            return graph;
        }

        return FindNestedGraph(graph, unit.Syntax, 0, cancellationToken);
    }

    private static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken)
    {
        if (root.Parent is not null)
        {
            return null;
        }

        return root switch
        {
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The graph of the lambda or local function declared by <paramref name="syntax"/>, searched through the
    /// nested graphs of <paramref name="graph"/>.</summary>
    private static ControlFlowGraph? FindNestedGraph(ControlFlowGraph graph, SyntaxNode syntax, int depth, CancellationToken cancellationToken)
    {
        if (depth > 32)
        {
            return null;
        }

        foreach (var local in graph.LocalFunctions)
        {
            var nested = graph.GetLocalFunctionControlFlowGraph(local, cancellationToken);
            if (nested.OriginalOperation.Syntax == syntax || local.DeclaringSyntaxReferences.Length > 0 && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) == syntax)
            {
                return nested;
            }

            if (syntax.SpanStart >= nested.OriginalOperation.Syntax.SpanStart && syntax.Span.End <= nested.OriginalOperation.Syntax.Span.End &&
                FindNestedGraph(nested, syntax, depth + 1, cancellationToken) is { } found)
            {
                return found;
            }
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is not IFlowAnonymousFunctionOperation lambda ||
                        !(syntax.SpanStart >= lambda.Syntax.SpanStart && syntax.Span.End <= lambda.Syntax.Span.End))
                    {
                        continue;
                    }

                    var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    if (lambda.Syntax == syntax)
                    {
                        return nested;
                    }

                    if (FindNestedGraph(nested, syntax, depth + 1, cancellationToken) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    internal static IEnumerable<IOperation> BlockOperations(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branch)
        {
            yield return branch;
        }
    }

    private ControlFlowGraph? GraphForMethod(IMethodSymbol method, CancellationToken cancellationToken, out IOperation? unit)
    {
        unit = null;
        if (!HasBody(method))
        {
            return null;
        }

        var body = BodyOf(method, cancellationToken);
        if (body is null)
        {
            return null;
        }

        unit = body;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            var root = body;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            var graph = CreateGraph(root, cancellationToken);
            return graph is null ? null : FindNestedGraph(graph, body.Syntax, 0, cancellationToken);
        }

        return CreateGraph(body, cancellationToken);
    }

    private IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken) => MethodBodies.Of(compilation, method, cancellationToken);

    internal SemanticModel SemanticModelFor(SyntaxTree tree) => MethodBodies.ModelFor(compilation, tree);
}
