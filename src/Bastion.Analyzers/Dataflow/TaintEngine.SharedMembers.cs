using System.Collections.Concurrent;
using System.Collections.Immutable;
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
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)>> outsideWriters = new(SymbolEqualityComparer.Default);

    /// <summary>The untrusted data <paramref name="member"/> is given anywhere in its type (<see
    /// cref="MemberSource(ISymbol, CancellationToken)"/>), unless a method that writes it calls <paramref name="reader"/>
    /// itself: then the member is state handed to the reader (<c>Settings.Server = input; Consumer.Open();</c>), and
    /// what it holds is what each caller wrote before its call, which the call brings in; a trusted value written before
    /// another call is not overruled by untrusted data written before a call elsewhere.</summary>
    internal TaintValue MemberSource(ISymbol member, IMethodSymbol? reader, CancellationToken cancellationToken)
    {
        var all = MemberSource(member, cancellationToken);
        var outside = OutsideWriters(member, cancellationToken);
        foreach (var (_, value) in outside)
        {
            all = all.IsTainted ? all : all.Join(value);
        }

        if (!all.IsTainted || reader is null)
        {
            return all;
        }

        reader = reader.OriginalDefinition;
        var writers = WritersInType(member, cancellationToken).AddRange(outside);
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

    /// <summary>The writes of a static member any type may write, made in other types (<c>Settings.Server = input;</c>
    /// in a startup class), with their methods; looked for once per member, and only for members that can carry text.</summary>
    private ImmutableArray<(IMethodSymbol? Writer, TaintValue Value)> OutsideWriters(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (!CompilationWrites.IsShared(member) || IsTextFreeType(member switch { IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null }))
        {
            return ImmutableArray<(IMethodSymbol?, TaintValue)>.Empty;
        }

        if (outsideWriters.TryGetValue(member, out var known))
        {
            return known;
        }

        var found = ImmutableArray.CreateBuilder<(IMethodSymbol?, TaintValue)>();
        var writes = CompilationWrites.Of(compilation, member, MaxSharedWrites, cancellationToken);
        foreach (var write in writes.IsDefault ? ImmutableArray<IOperation>.Empty : writes)
        {
            if (write is IAssignmentOperation assignment &&
                assignment.SemanticModel?.GetEnclosingSymbol(assignment.Syntax.SpanStart, cancellationToken) is var enclosing &&
                !SymbolEqualityComparer.Default.Equals(member.ContainingType, enclosing?.ContainingType?.OriginalDefinition))
            {
                var taint = TaintAnalysis.EvaluateInIsolation(this, assignment.Value, cancellationToken);
                found.Add((enclosing as IMethodSymbol, taint.IsTainted ? TaintValue.FromSource(taint.Source!) : TaintValue.Clean));
            }
        }

        return outsideWriters.GetOrAdd(member, found.ToImmutable());
    }
}
