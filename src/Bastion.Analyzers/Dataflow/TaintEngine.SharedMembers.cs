using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What a member holds when a method that reads it starts, without knowing its caller.</summary>
internal sealed partial class TaintEngine
{
    /// <summary>More candidate writes of one name than this in the compilation: writes outside the type are not looked for.</summary>
    private const int MaxSharedWrites = 256;

    private readonly ConcurrentDictionary<(IMethodSymbol Writer, IMethodSymbol Reader), bool> directCalls = new();

    /// <summary>The untrusted data <paramref name="member"/> is given anywhere in its type (<see
    /// cref="MemberSource(ISymbol, CancellationToken)"/>), unless a method that writes it calls <paramref name="reader"/>
    /// itself: then the member is state handed to the reader (<c>Settings.Server = input; Consumer.Open();</c>), and
    /// what it holds is what each caller wrote before its call, which the call brings in; a trusted value written before
    /// another call is not overruled by untrusted data written before a call elsewhere.</summary>
    internal TaintValue MemberSource(ISymbol member, IMethodSymbol? reader, CancellationToken cancellationToken)
    {
        var all = MemberSource(member, cancellationToken);
        if (!all.IsTainted || reader is null || !memberWriters.TryGetValue(member.OriginalDefinition, out var writers))
        {
            return all;
        }

        reader = reader.OriginalDefinition;
        foreach (var (writer, _) in writers)
        {
            if (writer is not null && Calls(writer, reader, cancellationToken))
            {
                return TaintValue.Clean;
            }
        }

        return all;
    }

    private bool Calls(IMethodSymbol writer, IMethodSymbol reader, CancellationToken cancellationToken)
    {
        if (SymbolEqualityComparer.Default.Equals(writer, reader))
        {
            return false;
        }

        if (directCalls.TryGetValue((writer, reader), out var known))
        {
            return known;
        }

        var calls = false;
        if (MethodBodies.Of(compilation, writer, cancellationToken) is { } body)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, reader))
                {
                    calls = true;
                    break;
                }
            }
        }

        return directCalls.GetOrAdd((writer, reader), calls);
    }

    /// <summary>The writes, in other types, of the static members of <paramref name="type"/> that any type may write
    /// (<c>Settings.Server = input;</c> in a startup class), handed to <paramref name="add"/> with their method.</summary>
    private void AddWritesOutside(INamedTypeSymbol type, System.Action<ISymbol, IOperation, IMethodSymbol?> add, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (!CompilationWrites.IsShared(member) || member.IsImplicitlyDeclared ||
                CompilationWrites.Candidates(compilation, member.Name, MaxSharedWrites, cancellationToken) is not { } candidates)
            {
                continue;
            }

            foreach (var (tree, node) in candidates)
            {
                if (SemanticModelFor(tree).GetOperation(node, cancellationToken) is IAssignmentOperation { Target: IMemberReferenceOperation target } assignment &&
                    SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member) &&
                    !SymbolEqualityComparer.Default.Equals(target.Member.ContainingType?.OriginalDefinition, SemanticModelFor(tree).GetEnclosingSymbol(node.SpanStart, cancellationToken)?.ContainingType?.OriginalDefinition))
                {
                    add(member, assignment.Value, SemanticModelFor(tree).GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol);
                }
            }
        }
    }
}
