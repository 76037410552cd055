using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Members: the value a field or property holds, from its writes in its type and beyond.</summary>
internal sealed partial class ConstantFlowEngine
{
    /// <summary>A field or property is constant when its initializer and every assignment to it in its declaring
    /// type are (a private or readonly field can only be written there); a method when every return is.</summary>
    private ValueSource EvaluateMember(ISymbol member, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (!Infrastructure.SymbolFacts.HasSourceDeclaration(member) || member.ContainingType is null || !MethodBodies.IsDeclaredIn(compilation, member.ContainingType) || !CanOnlyBeWrittenInItsType(member))
        {
            return ValueSource.Unknown;
        }

        if (memberValues.TryGetValue(member, out var cached))
        {
            return cached;
        }

        if (!inProgress.Add(member))
        {
            return ValueSource.Unknown;
        }

        try
        {
            return memberValues.GetOrAdd(member, ComputeMemberValue(member, depth, inProgress, cancellationToken));
        }
        finally
        {
            inProgress.Remove(member);
        }
    }

    private static bool CanOnlyBeWrittenInItsType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.IsConst || field.DeclaredAccessibility == Accessibility.Private,
        IPropertySymbol property => property.SetMethod is null || property.SetMethod.DeclaredAccessibility == Accessibility.Private || property.SetMethod.IsInitOnly && property.DeclaredAccessibility == Accessibility.Private,
        IMethodSymbol => true,
        _ => false,
    };

    private ValueSource ComputeMemberValue(ISymbol member, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var writes = new List<IOperation>();
        if (member is IMethodSymbol method)
        {
            var body = GetBody(method, cancellationToken);
            if (body is null)
            {
                return ValueSource.Unknown;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && !IsInsideLambda(operation, body))
                {
                    writes.Add(returned);
                }
            }
        }
        else
        {
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                var model = SemanticModelFor(reference.SyntaxTree);
                // Only the member's own initializer and assignments whose target ends in its name are bound.
                foreach (var node in TypeNames.Of(reference.GetSyntax(cancellationToken)).Writes(member.Name))
                {
                    switch (model.GetOperation(node, cancellationToken))
                    {
                        case IFieldInitializerOperation initializer when initializer.InitializedFields.Contains((IFieldSymbol)member, SymbolEqualityComparer.Default):
                            writes.Add(initializer.Value);
                            break;
                        case IPropertyInitializerOperation initializer when member is IPropertySymbol property && initializer.InitializedProperties.Contains(property, SymbolEqualityComparer.Default):
                            writes.Add(initializer.Value);
                            break;
                        case ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member):
                            writes.Add(assignment.Value);
                            break;
                        case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } } elementWrite when MutatesMember(elementWrite, member):
                        case ICompoundAssignmentOperation or IDeconstructionAssignmentOperation:
                            return ValueSource.Unknown;
                    }
                }
            }

            if (member is IPropertySymbol { GetMethod: { } getter } && writes.Count == 0 && Infrastructure.SymbolFacts.HasSourceDeclaration(getter))
            {
                return EvaluateMember(getter, depth + 1, inProgress, cancellationToken);
            }
        }

        // As for locals: a constant written on any path is hard-coded there; writes of no value count for nothing.
        var join = default(Join);
        foreach (var write in writes)
        {
            if (!LocalWrites.IsNoValue(write))
            {
                join.Add(Evaluate(write, depth + 1, inProgress, cancellationToken));
            }
        }

        var result = join.Or(default) is { IsConstant: true } constant ? constant : ValueSource.Unknown;

        // Only a value that would be constant is worth the scan for calls that could change its contents.
        return result.IsConstant && member is not IMethodSymbol && IsMutatedInItsType(member, cancellationToken) ? ValueSource.Unknown : result;
    }

    /// <summary>One pass over the declaring type's tokens: every use of the member's name that binds to it is checked
    /// for a mutation (element write, mutating call, passing it where a callee could write into it).</summary>
    private bool IsMutatedInItsType(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var model = SemanticModelFor(reference.SyntaxTree);
            foreach (var name in TypeNames.Of(reference.GetSyntax(cancellationToken)).Identifiers(member.Name))
            {
                if (model.GetOperation(name, cancellationToken) is IMemberReferenceOperation use &&
                    SymbolEqualityComparer.Default.Equals(use.Member.OriginalDefinition, member) && MayMutateContents(use))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An element write or mutating call on the member inside <paramref name="operation"/>.</summary>
    private bool MutatesMember(IOperation operation, ISymbol member)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IMemberReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Member.OriginalDefinition, member) && MayMutateContents(reference))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInsideLambda(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken) => MethodBodies.Of(compilation, method, cancellationToken);

    private SemanticModel SemanticModelFor(SyntaxTree tree) => MethodBodies.ModelFor(compilation, tree);
}
