using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Whether the compilation may create a type: one pass over its text, then the candidate declarations.</summary>
internal sealed partial class FixedValues
{
    /// <summary>Whether code of this compilation may construct <paramref name="type"/>, or a type derived from it:
    /// <c>new T(…)</c>, a base list naming it, or a target-typed <c>new(…)</c> with arguments whose type is it.</summary>
    private bool MayBeCreated(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        type = type.OriginalDefinition;
        if (created.TryGetValue(type, out var known))
        {
            return known;
        }

        var index = Creations(cancellationToken);
        var result = index.Names.Contains(type.Name) || IsTargetTypeOfACreation(type, index, cancellationToken);
        return created.GetOrAdd(type, result);
    }

    private bool IsTargetTypeOfACreation(INamedTypeSymbol type, CreationIndex index, CancellationToken cancellationToken)
    {
        if (index.TargetTyped.IsEmpty)
        {
            return false;
        }

        var arities = new HashSet<int>();
        foreach (var constructor in type.InstanceConstructors)
        {
            arities.Add(constructor.Parameters.Length);
            if (constructor.Parameters.Length > 0 && (constructor.Parameters[constructor.Parameters.Length - 1].IsParams || constructor.Parameters.Any(p => p.IsOptional)))
            {
                // Optional and params parameters make any arity possible: resolve every target-typed creation.
                arities.Add(-1);
            }
        }

        // The creations are in tree order: one semantic model per tree, as a new model binds again where no driver caches one.
        SemanticModel? model = null;
        foreach (var creation in index.TargetTyped)
        {
            if (arities.Contains(-1) || arities.Contains(creation.ArgumentList!.Arguments.Count))
            {
                if (!creationTypes.TryGetValue(creation, out var creationType))
                {
                    if (model?.SyntaxTree != creation.SyntaxTree)
                    {
                        model = engine.SemanticModelFor(creation.SyntaxTree);
                    }

                    creationType = creationTypes.GetOrAdd(creation, model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition);
                }

                if (SymbolEqualityComparer.Default.Equals(creationType, type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What <see cref="MayBeCreated"/> asks of the whole compilation, found in one pass over its text when first
    /// needed (not once per type): the simple names of the types of <c>new T(…)</c> expressions and of base lists, and
    /// the target-typed <c>new(…)</c> expressions with arguments.</summary>
    private CreationIndex Creations(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref creations) is { } built)
        {
            return built;
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var targetTyped = ImmutableArray.CreateBuilder<ImplicitObjectCreationExpressionSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var token in Occurrences(TextOf(tree, cancellationToken), tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), "new", cancellationToken))
            {
                switch (token.Parent)
                {
                    case ObjectCreationExpressionSyntax creation when RightmostName(creation.Type) is { } name:
                        names.Add(name);
                        break;
                    case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } creation:
                        targetTyped.Add(creation);
                        break;
                }
            }

            // Base lists belong to type declarations, so only namespaces, types and base lists are walked into.
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BaseListSyntax))
            {
                if (node is BaseTypeSyntax baseType && RightmostName(baseType.Type) is { } name)
                {
                    names.Add(name);
                }
            }
        }

        Interlocked.CompareExchange(ref creations, new CreationIndex(names, targetTyped.ToImmutable()), null);
        return creations!;
    }

    /// <summary>The name a type syntax ends in (<c>Foo</c> of <c>Ns.Foo&lt;int&gt;</c> or <c>global::Foo</c>); null for
    /// predefined, array, nullable and other types, which name no class of this compilation.</summary>
    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    private sealed class CreationIndex
    {
        public CreationIndex(HashSet<string> names, ImmutableArray<ImplicitObjectCreationExpressionSyntax> targetTyped)
        {
            Names = names;
            TargetTyped = targetTyped;
        }

        public HashSet<string> Names { get; }

        public ImmutableArray<ImplicitObjectCreationExpressionSyntax> TargetTyped { get; }
    }

    /// <summary>The identifier tokens spelled <paramref name="name"/> within <paramref name="span"/>: an ordinal text
    /// search, then the token at each hit, so no tree is walked.</summary>
    private static IEnumerable<SyntaxToken> Occurrences(string text, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, string name, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var end = System.Math.Min(span.End, text.Length);
        for (var at = text.IndexOf(name, span.Start, System.StringComparison.Ordinal); at >= 0 && at + name.Length <= end; at = text.IndexOf(name, at + name.Length, System.StringComparison.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (at > 0 && IsIdentifierPart(text[at - 1]) || at + name.Length < text.Length && IsIdentifierPart(text[at + name.Length]))
            {
                continue;
            }

            var token = root.FindToken(at);
            if (token.SpanStart == at || token.SpanStart == at - 1 && text[at - 1] == '@')
            {
                yield return token;
            }
        }
    }

    private string TextOf(SyntaxTree tree, CancellationToken cancellationToken) =>
        texts.TryGetValue(tree, out var text) ? text : texts.GetOrAdd(tree, tree.GetText(cancellationToken).ToString());

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>The declarations of a type, or (when <paramref name="scopes"/> is default) every tree whole.</summary>
    private static IEnumerable<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span)> Scopes(ImmutableArray<SyntaxReference> scopes, Compilation compilation)
    {
        if (scopes.IsDefault)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                yield return (tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length));
            }

            yield break;
        }

        foreach (var scope in scopes)
        {
            yield return (scope.SyntaxTree, scope.Span);
        }
    }

    /// <summary>An object member's name used only to read through it (<c>options.Value.ConnectionString</c>): not handed
    /// on as a value (which could alias it), not the receiver of a storing call (<c>Add</c>, <c>Append</c>, <c>Set…</c>),
    /// not the start of an assignment target.</summary>
    private static bool IsPlainRead(SyntaxToken token)
    {
        if (token.Parent is not IdentifierNameSyntax name)
        {
            return true;
        }

        ExpressionSyntax current = name;
        if (current.Parent is MemberAccessExpressionSyntax own && own.Name == current)
        {
            current = own;
        }

        var accessed = false;
        for (var guard = 0; guard < 32; guard++)
        {
            switch (current.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == current:
                    accessed = true;
                    current = access;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == current:
                    accessed = true;
                    current = element;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == current:
                    accessed = true;
                    current = conditional;
                    continue;
                case InvocationExpressionSyntax invocation when invocation.Expression == current:
                    if (current is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } && IsStoringName(method))
                    {
                        return false;
                    }

                    current = invocation;
                    continue;
                case AssignmentExpressionSyntax assignment when assignment.Left == current:
                    return false;
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                    return false;
            }

            break;
        }

        // The member itself handed on (var o = options; M(options)) may be aliased and filled elsewhere.
        return accessed || current.Parent is BinaryExpressionSyntax or IsPatternExpressionSyntax or MemberAccessExpressionSyntax;
    }

    private static bool IsStoringName(string method)
    {
        foreach (var prefix in TaintAnalysis.StoringPrefixes)
        {
            if (method.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The assignment, or the <c>ref</c>/<c>out</c> argument, that writes the member this identifier names; null
    /// when the identifier is only read.</summary>
    private static SyntaxNode? WriteOf(SyntaxToken token)
    {
        if (token.Parent is not IdentifierNameSyntax name)
        {
            return null;
        }

        ExpressionSyntax target = name;
        if (target.Parent is MemberAccessExpressionSyntax access && access.Name == target || target.Parent is MemberBindingExpressionSyntax binding && binding.Name == target)
        {
            target = (ExpressionSyntax)target.Parent;
        }

        if (target.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == target)
        {
            target = conditional;
        }

        for (var node = target.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ArgumentSyntax argument when argument.Parent is TupleExpressionSyntax:
                case TupleExpressionSyntax:
                    continue;
                case ArgumentSyntax argument:
                    return argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) ? argument : null;
                case AssignmentExpressionSyntax assignment:
                    return assignment.Left.Span.Contains(target.Span) ? assignment : null;
                default:
                    return null;
            }
        }

        return null;
    }
}
