using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Locals, what containers hold, and members of objects.</summary>
internal sealed partial class ConstantFlowEngine
{
    /// <summary>A local holds a constant when a write of one reaches the read: the writes that reach it are the
    /// compiler's control-flow graph's (<see cref="ReachingWrites"/>), or every write where the graph cannot say. A value
    /// written on another path (input, a parameter) does not hide the constant: a hard-coded fallback is still
    /// hard-coded. Writes of no value (<c>null</c>, <c>""</c>, an empty array) count for nothing. A container local (an
    /// array, a collection, a stream) also holds what is stored into it anywhere in the method (<c>list.Add(v)</c>,
    /// <c>key[0] = v</c>, <c>formatter.Serialize(stream, v)</c>), and every stored value must be constant, since
    /// an element read may give any of them; a call that could write into it otherwise makes it unknown.</summary>
    private ValueSource EvaluateLocal(ILocalReferenceOperation reference, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (!inProgress.Add(local))
        {
            return ValueSource.Unknown;
        }

        try
        {
            var top = reference;
            IOperation root = reference;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            var uses = LocalUses.Of(root);
            if (uses.Truncated)
            {
                return ValueSource.Unknown;
            }

            var all = uses.Of(local);
            var reaching = WritesReaching(root, top, all, cancellationToken);
            var written = default(Join);
            var stored = default(Join);
            foreach (var operation in all)
            {
                IOperation? value;
                switch (operation)
                {
                    case IForEachLoopOperation loop:
                        // foreach (var c in "…"): every iteration variable comes from the collection.
                        value = loop.Collection;
                        break;
                    case IVariableDeclaratorOperation declarator:
                        value = declarator.GetVariableInitializer()?.Value;
                        if (value is null)
                        {
                            continue;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment:
                        value = assignment.Value;
                        break;
                    case ILocalReferenceOperation other when LocalWrites.IsOtherWrite(other):
                        if (reaching is null || reaching.Contains(other.Syntax))
                        {
                            written.Add(ValueSource.Unknown);
                        }

                        continue;
                    case ILocalReferenceOperation other:
                        if (StoredInto(other) is { } store)
                        {
                            stored.Add(LocalWrites.IsNoValue(store) ? default(ValueSource?) : Evaluate(store, depth + 1, inProgress, cancellationToken));
                        }
                        else if (other.Syntax != top.Syntax && MayMutateContents(other))
                        {
                            // The read itself may hand the container to a method (the call whose flow is being checked).
                            return ValueSource.Unknown;
                        }

                        continue;
                    default:
                        continue;
                }

                if ((reaching is null || reaching.Contains(operation.Syntax)) && !LocalWrites.IsNoValue(value))
                {
                    written.Add(Evaluate(value, depth + 1, inProgress, cancellationToken));
                }
            }

            // A stored value the engine cannot tell makes every element read unknown; a stored parameter may have
            // replaced the constant elements, so the read is the parameter's.
            if (stored.HasUnknown)
            {
                return ValueSource.Unknown;
            }

            return stored.HasParameter ? stored.ParameterOnly() : written.Or(stored);
        }
        finally
        {
            inProgress.Remove(local);
        }
    }

    /// <summary>The writes that reach <paramref name="read"/>, when there is more than one write to choose from and the
    /// graph can say; null for "all of them".</summary>
    private static HashSet<SyntaxNode>? WritesReaching(IOperation root, ILocalReferenceOperation read, IReadOnlyList<IOperation> uses, CancellationToken cancellationToken)
    {
        var writes = 0;
        foreach (var use in uses)
        {
            if (use is IVariableDeclaratorOperation { Initializer: null } && use.Parent is not IVariableDeclarationOperation { Initializer: not null })
            {
                continue;
            }

            if (use is ILocalReferenceOperation reference ? LocalWrites.IsOtherWrite(reference) : true)
            {
                if (IsInsideLambda(use, root))
                {
                    return null;
                }

                writes++;
            }
        }

        if (writes < 2 || IsInsideLambda(read, root))
        {
            return null;
        }

        var reaching = ReachingWrites.Of(root, read, cancellationToken);
        if (reaching is null)
        {
            return null;
        }

        // The graph names writes by their syntax; if none of the body's writes is among them, the two do not agree on
        // what a write is (a foreach variable, a using declaration): every write may reach.
        foreach (var use in uses)
        {
            if (reaching.Contains(use.Syntax))
            {
                return reaching;
            }
        }

        return null;
    }

    /// <summary>What a use of a container local stores into it: an element write (<c>key[0] = v</c>,
    /// <c>map["k"] = v</c>), a storing call on it (<see cref="ContainerApis.StoredValue"/>); null when it stores nothing.</summary>
    private static IOperation? StoredInto(IOperation reference)
    {
        var container = reference;
        while (container.Parent is IConversionOperation conversion && conversion.Operand == container)
        {
            container = conversion;
        }

        switch (container.Parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == container &&
                element.Parent is ISimpleAssignmentOperation assignment && assignment.Target == element:
                return assignment.Value;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == container && ContainerApis.IsContainer(container.Type) &&
                indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer:
                return assignment.Value;
            case IInvocationOperation call when ContainerApis.IsContainer(container.Type):
                return ContainerApis.StoredValue(call, container);
            case IArgumentOperation { Parent: IInvocationOperation call }:
                return ContainerApis.StoredValue(call, container);
            default:
                return null;
        }
    }

    /// <summary><c>x.Member</c>, where <c>x</c> is a local or a parameter of an object the code itself fills
    /// (<c>holder.Value = "…"</c>, <c>new Holder { Value = "…" }</c>): what was written to that member of that
    /// object. A parameter's member is a path of the parameter, for the caller to fill in.</summary>
    private ValueSource EvaluateMemberOf(IOperation instance, string member, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return ValueSource.Unknown;
        }

        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        switch (instance)
        {
            case IParameterReferenceOperation parameter:
                return ValueSource.FromParameter(parameter.Parameter, member);
            case IObjectCreationOperation { Initializer: { } initializer }:
                var join = default(Join);
                foreach (var element in initializer.Initializers)
                {
                    if (element is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment && target.Member.Name == member &&
                        !LocalWrites.IsNoValue(assignment.Value))
                    {
                        join.Add(Evaluate(assignment.Value, depth + 1, inProgress, cancellationToken));
                    }
                }

                return join.Or(default);
            case ILocalReferenceOperation local:
                return EvaluateMemberOfLocal(local, member, depth, inProgress, cancellationToken);
            default:
                return ValueSource.Unknown;
        }
    }

    private ValueSource EvaluateMemberOfLocal(ILocalReferenceOperation reference, string member, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var uses = LocalUses.Of(root);
        if (uses.Truncated)
        {
            return ValueSource.Unknown;
        }

        var join = default(Join);
        foreach (var operation in uses.Of(reference.Local))
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation declarator => declarator.GetVariableInitializer()?.Value,
                ISimpleAssignmentOperation assignment => assignment.Value,
                _ => null,
            };

            if (value is not null)
            {
                if (!LocalWrites.IsNoValue(value))
                {
                    join.Add(EvaluateMemberOf(value, member, depth + 1, inProgress, cancellationToken));
                }
            }
            else if (operation is ILocalReferenceOperation use && use.Parent is IMemberReferenceOperation target && target.Member.Name == member &&
                target.Parent is ISimpleAssignmentOperation write && write.Target == target && !LocalWrites.IsNoValue(write.Value))
            {
                join.Add(Evaluate(write.Value, depth + 1, inProgress, cancellationToken));
            }
        }

        return join.Or(default);
    }

    /// <summary>What the engine learns from several writes: the first constant, the first parameter, whether any was
    /// unknown.</summary>
    private struct Join
    {
        private ValueSource constant;
        private ValueSource parameter;

        public bool HasUnknown { get; private set; }

        public readonly bool HasParameter => parameter.IsParameter;

        /// <summary>The parameter, when no constant was added beside it; else unknown.</summary>
        public readonly ValueSource ParameterOnly() => constant.IsConstant ? ValueSource.Unknown : parameter;

        public void Add(ValueSource? source)
        {
            if (source is not { } value)
            {
                return;
            }

            if (value.IsConstant)
            {
                if (!constant.IsConstant)
                {
                    constant = value;
                }
            }
            else if (value.IsParameter)
            {
                if (!parameter.IsParameter)
                {
                    parameter = value;
                }
            }
            else
            {
                HasUnknown = true;
            }
        }

        /// <summary>A constant from either, else a parameter from either, else unknown.</summary>
        public readonly ValueSource Or(Join other) =>
            constant.IsConstant ? constant : other.constant.IsConstant ? other.constant :
            parameter.IsParameter ? parameter : other.parameter.IsParameter ? other.parameter : ValueSource.Unknown;
    }
}
