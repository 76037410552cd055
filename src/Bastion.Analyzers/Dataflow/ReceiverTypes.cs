using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Virtual and interface calls on a receiver whose type is known from its creation
/// (<c>Base handler = new Strict(); handler.Run(data);</c>): the call runs that type's override, not every override.</summary>
internal static class ReceiverTypes
{
    /// <summary>The type a receiver was created as: a <c>new T(…)</c> itself, or a local declared with one and never
    /// assigned again in its method. Null when it is not known.</summary>
    public static INamedTypeSymbol? CreatedType(IOperation receiver, Compilation compilation)
    {
        receiver = TaintValidation.Unwrap(receiver);
        if (receiver is IObjectCreationOperation { Type: INamedTypeSymbol direct })
        {
            return direct;
        }

        if (receiver is not ILocalReferenceOperation { Local: { } local } || Declarator(local) is not { } declarator)
        {
            return null;
        }

        var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or
            AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        // The graph's operations carry no semantic model; the declaration's tree gives one, asked only for such a receiver.
        return SingleAssignment.InitializerOf(declarator, scope) is BaseObjectCreationExpressionSyntax creation &&
            (receiver.SemanticModel ?? compilation.GetSemanticModel(creation.SyntaxTree)).GetTypeInfo(creation).Type is INamedTypeSymbol created ? created : null;
    }

    /// <summary>The declarator of a local declared once (<c>var reader = …</c>), where its initializer can be read; null
    /// for a pattern, <c>out var</c> or a <c>foreach</c> variable.</summary>
    public static VariableDeclaratorSyntax? Declarator(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.Length == 1 ? local.DeclaringSyntaxReferences[0].GetSyntax() as VariableDeclaratorSyntax : null;

    /// <summary>The body among <paramref name="bodies"/> that a call on an object of type <paramref name="created"/> runs:
    /// the override in the nearest of its base types that has one. All of them when none does.</summary>
    public static ImmutableArray<IMethodSymbol> Dispatch(ImmutableArray<IMethodSymbol> bodies, INamedTypeSymbol created)
    {
        for (var type = created; type is not null; type = type.BaseType)
        {
            foreach (var body in bodies)
            {
                if (SymbolEqualityComparer.Default.Equals(body.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    return ImmutableArray.Create(body);
                }
            }
        }

        return bodies;
    }
}
