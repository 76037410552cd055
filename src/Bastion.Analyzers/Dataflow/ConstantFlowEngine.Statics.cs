using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Static fields and properties that any type may write (<c>public static string Value;</c>).</summary>
internal sealed partial class ConstantFlowEngine
{
    /// <summary>More candidate writes of one name than this in the compilation: the member is not followed.</summary>
    private const int MaxSharedWrites = 256;

    /// <summary>A static field or property that code outside its type may write holds, at a read, what was written
    /// last before it: by the reading method itself, earlier in its body; else by the methods that call the reading
    /// method, last before each call (<c>Holder.Value = "…"; Consumer.Use();</c>); else by any write in the compilation
    /// (its initializer included). A constant among those is hard-coded there.</summary>
    private ValueSource EvaluateSharedStatic(IMemberReferenceOperation read, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var member = read.Member.OriginalDefinition;
        if (depth > MaxDepth || !inProgress.Add(member))
        {
            return ValueSource.Unknown;
        }

        try
        {
            var writes = SharedWrites(member, cancellationToken);
            if (writes.IsDefault)
            {
                return ValueSource.Unknown;
            }

            var reader = read.SemanticModel?.GetEnclosingSymbol(read.Syntax.SpanStart, cancellationToken) as IMethodSymbol;
            var chosen = new List<IOperation>();
            if (reader is not null)
            {
                // The reading method's own write before the read.
                if (LastWriteBefore(writes, read.Syntax, reader, cancellationToken) is { } own)
                {
                    chosen.Add(own);
                }
                else
                {
                    AddWritesBeforeCalls(writes, reader.OriginalDefinition, chosen, cancellationToken);
                }
            }

            var join = default(Join);
            foreach (var write in chosen.Count > 0 ? (IEnumerable<IOperation>)chosen : Values(writes))
            {
                if (!LocalWrites.IsNoValue(write))
                {
                    join.Add(Evaluate(write, depth + 1, inProgress, cancellationToken));
                }
            }

            return join.Or(default) is { IsConstant: true } constant ? constant : ValueSource.Unknown;
        }
        finally
        {
            inProgress.Remove(member);
        }
    }

    private static IEnumerable<IOperation> Values(ImmutableArray<(IOperation Write, IOperation Value)> writes)
    {
        foreach (var (_, value) in writes)
        {
            yield return value;
        }
    }

    private bool IsInCompilation(ISymbol member) =>
        SymbolFacts.HasSourceDeclaration(member) && member.ContainingType is { } type && MethodBodies.IsDeclaredIn(compilation, type);

    /// <summary>The value written last before <paramref name="node"/> in the same method.</summary>
    private static IOperation? LastWriteBefore(ImmutableArray<(IOperation Write, IOperation Value)> writes, SyntaxNode node, IMethodSymbol method, CancellationToken cancellationToken)
    {
        IOperation? last = null;
        var lastStart = -1;
        foreach (var (write, value) in writes)
        {
            var start = write.Syntax.SpanStart;
            if (write.Syntax.SyntaxTree == node.SyntaxTree && start < node.SpanStart && start > lastStart &&
                SymbolEqualityComparer.Default.Equals(write.SemanticModel?.GetEnclosingSymbol(start, cancellationToken), method))
            {
                last = value;
                lastStart = start;
            }
        }

        return last;
    }

    /// <summary>For each method that writes the member and calls <paramref name="reader"/>: the value written last
    /// before each call.</summary>
    private static void AddWritesBeforeCalls(ImmutableArray<(IOperation Write, IOperation Value)> writes, IMethodSymbol reader, List<IOperation> chosen, CancellationToken cancellationToken)
    {
        var seen = new HashSet<IOperation>();
        foreach (var (write, _) in writes)
        {
            IOperation root = write;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            if (!seen.Add(root) || write.SemanticModel?.GetEnclosingSymbol(write.Syntax.SpanStart, cancellationToken) is not IMethodSymbol writer)
            {
                continue;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, reader) &&
                    LastWriteBefore(writes, call.Syntax, writer, cancellationToken) is { } value)
                {
                    chosen.Add(value);
                }
            }
        }
    }

    /// <summary>Every write of the member in the compilation, with its value; default when one is not a plain
    /// assignment (a compound one, a <c>ref</c> or <c>out</c> argument) or there are too many to bind.</summary>
    private ImmutableArray<(IOperation Write, IOperation Value)> SharedWrites(ISymbol member, CancellationToken cancellationToken)
    {
        if (sharedWrites.TryGetValue(member, out var cached))
        {
            return cached;
        }

        var all = CompilationWrites.Of(compilation, member, MaxSharedWrites, cancellationToken);
        if (all.IsDefault)
        {
            return sharedWrites.GetOrAdd(member, default(ImmutableArray<(IOperation, IOperation)>));
        }

        var writes = ImmutableArray.CreateBuilder<(IOperation Write, IOperation Value)>();
        foreach (var write in all)
        {
            switch (write)
            {
                case IFieldInitializerOperation initializer:
                    writes.Add((initializer, initializer.Value));
                    break;
                case IPropertyInitializerOperation initializer:
                    writes.Add((initializer, initializer.Value));
                    break;
                case ISimpleAssignmentOperation assignment:
                    writes.Add((assignment, assignment.Value));
                    break;
                default:
                    // A compound or coalescing assignment: the value is not what was written.
                    return sharedWrites.GetOrAdd(member, default(ImmutableArray<(IOperation, IOperation)>));
            }
        }

        return sharedWrites.GetOrAdd(member, writes.ToImmutable());
    }
}
