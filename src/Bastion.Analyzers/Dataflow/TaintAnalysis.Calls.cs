using System;
using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Calls through the summaries of the methods they run, and assignments to locals, members, roots and patterns.</summary>
internal sealed partial class TaintAnalysis
{
    /// <summary>A call to methods of this compilation, through their summaries: the return value, the fields and
    /// <c>out</c> parameters they write, and the sinks their parameters reach. Null when no body could be summarized
    /// (none in the compilation, or all beyond a bound), for the caller to fall back on.</summary>
    private TaintValue? ApplyCall(IOperation call, IMethodSymbol target, TaintValue instance, TaintValue[] values, SyntaxNode?[] syntaxes, IOperation?[] targets)
    {
        if (!engine.IsInSource(target))
        {
            return null;
        }

        var bodies = engine.Implementations(target);
        if (bodies.IsEmpty)
        {
            return null;
        }

        if (bodies.Length > 1 && call is IInvocationOperation { Instance: { } receiver } && CreatedType(Uncaptured(receiver)) is { } created)
        {
            bodies = ReceiverTypes.Dispatch(bodies, created);
        }

        var result = TaintValue.Clean;
        var applied = false;
        foreach (var body in bodies)
        {
            var summary = engine.SummaryOf(body, depth + 1, run, cancellationToken);
            if (summary is null)
            {
                // Cut by the depth or work bound, or recursion: what this body concludes holds on this path only.
                if (run.InProgress.Contains(body.OriginalDefinition))
                {
                    dependsOnPath = true;
                }
                else
                {
                    height = int.MaxValue;
                }

                continue;
            }

            applied = true;
            height = summary.Height == int.MaxValue ? int.MaxValue : Math.Max(height, summary.Height + 1);
            dependsOnPath |= summary.DependsOnPath;
            var via = body.ContainingType.Name + "." + (body.AssociatedSymbol?.Name ?? body.Name);
            result = result.Join(Substitute(summary.Summary.Return, values, instance));
            foreach (var write in summary.Summary.FieldWrites)
            {
                var written = Substitute(write.Value, values, instance);
                Write(write.Key, bodies.Length == 1 ? written : Read(write.Key).Join(written));
            }

            foreach (var output in summary.Summary.OutParameters)
            {
                if (output.Key < targets.Length && targets[output.Key] is { } outTarget)
                {
                    Assign(outTarget, null, Substitute(output.Value, values, instance));
                }
            }

            foreach (var flow in summary.Summary.Sinks)
            {
                var reaching = Substitute(flow.Value, values, instance);
                if (!reaching.IsClean)
                {
                    RecordEvent(call.Syntax, flow.Sink, ReportPoint(flow.Value, values, syntaxes) ?? call.Syntax, reaching, via);
                }
            }
        }

        return applied ? result : (dependsOnPath || height == int.MaxValue ? TaintValue.Clean : null);
    }

    /// <summary>The type a receiver was created as (<see cref="ReceiverTypes.CreatedType"/>), asked once per local of the
    /// body: the fixpoint evaluates a call on every pass, and the answer binds the local's initializer.</summary>
    private INamedTypeSymbol? CreatedType(IOperation receiver)
    {
        if (TaintValidation.Unwrap(receiver) is not ILocalReferenceOperation { Local: { } local })
        {
            return ReceiverTypes.CreatedType(receiver, engine.Compilation);
        }

        if (!createdTypes.TryGetValue(local, out var created))
        {
            createdTypes[local] = created = ReceiverTypes.CreatedType(receiver, engine.Compilation);
        }

        return created;
    }

    /// <summary>The operation a flow capture stands for, when the graph captured a reference (a receiver evaluated
    /// before arguments with effects).</summary>
    private IOperation Uncaptured(IOperation operation) =>
        operation is IFlowCaptureReferenceOperation reference && capturedReferences.TryGetValue(reference.Id, out var captured) && captured is not null ? captured : operation;

    private TaintValue Substitute(TaintValue value, TaintValue[] values, TaintValue instance)
    {
        var result = value.Source is null ? TaintValue.Clean : TaintValue.FromSource(value.Source);
        var bits = value.Parameters;
        for (var ordinal = 0; bits != 0 && ordinal < 64; ordinal++, bits >>= 1)
        {
            if ((bits & 1) != 0 && ordinal < values.Length)
            {
                result = result.Join(values[ordinal]);
            }
        }

        if (value.Fields is { } fields)
        {
            // The fields the members bring are gathered once: joining them one by one copies a growing set each time.
            HashSet<ISymbol>? brought = null;
            var broughtOpen = 0UL;
            foreach (var field in fields)
            {
                var read = Read(field);
                if (read.Fields is { } more)
                {
                    (brought ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).UnionWith(more);
                    broughtOpen |= read.Open;
                }

                result = result.Join(read.WithFields(null));
            }

            result = result.Join(instance);
            if (brought is not null)
            {
                result = result.Join(TaintValue.FromFields(brought, broughtOpen));
            }
        }

        return result.Restricted(value.Open);
    }

    /// <summary>Where a flow through a call is reported: the argument that brings the untrusted data.</summary>
    private static SyntaxNode? ReportPoint(TaintValue flow, TaintValue[] values, SyntaxNode?[] syntaxes)
    {
        var bits = flow.Parameters;
        for (var ordinal = 0; bits != 0 && ordinal < 64; ordinal++, bits >>= 1)
        {
            if ((bits & 1) != 0 && ordinal < values.Length && values[ordinal].IsTainted && syntaxes[ordinal] is { } syntax)
            {
                return syntax;
            }
        }

        return null;
    }

    private TaintValue EvalAssignment(IAssignmentOperation assignment, IOperation valueOperation, bool compound)
    {
        var value = Eval(valueOperation);
        if (compound)
        {
            value = value.Join(Eval(assignment.Target));
        }
        else if (engine.Sinks.SinksInBounds && assignment is ISimpleAssignmentOperation simple && TaintSources.DescribeExtremeLocal(simple) is { } extreme)
        {
            // A variable set to a type's maximum: a size, count or wait with no limit wherever it goes.
            value = TaintValue.FromSource(new TaintOrigin(valueOperation.Syntax, extreme, uncontrolled: true));
        }

        if (assignment.Target is IPropertyReferenceOperation property && !isolated && property.Property.SetMethod is { } setter &&
            engine.IsInSource(setter) && !engine.IsAutoPropertyCached(property.Property))
        {
            // A property with a setter body: a call with the value as its last parameter.
            var instance = property.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(property.Instance);
            var (values, syntaxes, targets) = ArgumentsByOrdinal(setter, property.Arguments);
            values[setter.Parameters.Length - 1] = value;
            syntaxes[setter.Parameters.Length - 1] = ReportSyntax(valueOperation.Syntax);
            ApplyCall(assignment, setter, instance, values, syntaxes, targets);
        }
        else
        {
            Assign(assignment.Target, valueOperation, value);
        }

        sinkBuffer.Clear();
        engine.Sinks.Collect(assignment, sinkBuffer);
        foreach (var sink in sinkBuffer.ToArray())
        {
            RecordEvent(assignment.Syntax, sink, ReportSyntax(sink.Value.Syntax), sink.Value == valueOperation ? value : Probe(sink.Value), null);
        }

        return value;
    }

    private void Assign(IOperation target, IOperation? valueOperation, TaintValue value)
    {
        target = TaintValidation.Unwrap(target);
        switch (target)
        {
            case ILocalReferenceOperation local:
                Write(local.Local, value);
                RecordFlag(local.Local, valueOperation);
                RecordAlias(local.Local, valueOperation);
                break;
            case IParameterReferenceOperation parameter:
                Write(parameter.Parameter, value);
                RecordFlag(parameter.Parameter, valueOperation);
                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, valueOperation, value);
                break;
            case IFlowCaptureReferenceOperation capture when capturedReferences.TryGetValue(capture.Id, out var captured) && captured is not null:
                Assign(captured, valueOperation, value);
                break;
            case IFieldReferenceOperation field when SymbolFacts.HasSourceDeclaration(field.Field):
                Write(field.Field.OriginalDefinition, value);
                RecordFlag(field.Field.OriginalDefinition, valueOperation);
                break;
            case IPropertyReferenceOperation property when engine.IsAutoPropertyCached(property.Property):
                Write(property.Property.OriginalDefinition, value);
                RecordFlag(property.Property.OriginalDefinition, valueOperation);
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when !value.IsClean && indexer.Instance is { } receiver &&
                !engine.Sinks.IsNeutralizingReceiver(receiver.Type):
                MutateRoot(receiver, value);
                break;
            case IPropertyReferenceOperation { Instance: { } receiver } property when !value.IsClean && IsContentProperty(property.Property):
                MutateRoot(receiver, value);
                break;
            case IArrayElementReferenceOperation element when !value.IsClean:
                MutateRoot(element.ArrayReference, value);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Assign(element, null, value);
                }

                break;
        }
    }

    /// <summary>Properties that hold a document's content: writing them changes what the document saves.</summary>
    private static bool IsContentProperty(IPropertySymbol property) =>
        property.ContainingType?.ContainingNamespace is { } ns &&
        (SymbolFacts.IsNamespace(ns, "Xml", "System") || SymbolFacts.IsNamespace(ns, "Linq", "Xml", "System") || SymbolFacts.IsNamespace(ns, "Nodes", "Json", "Text", "System"));

    private void EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var target = TaintValidation.Unwrap(deconstruction.Target);
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        if (target is ITupleOperation targets && TaintValidation.Unwrap(deconstruction.Value) is ITupleOperation source && source.Elements.Length == targets.Elements.Length)
        {
            var values = new TaintValue[source.Elements.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Eval(source.Elements[i]);
            }

            for (var i = 0; i < values.Length; i++)
            {
                Assign(targets.Elements[i], source.Elements[i], values[i]);
            }

            return;
        }

        Assign(target, null, Eval(deconstruction.Value));
    }

    private void BindPattern(IPatternOperation pattern, TaintValue value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: { } declared }:
                Write(declared, value);
                break;
            case IRecursivePatternOperation { DeclaredSymbol: { } declared }:
                Write(declared, value);
                break;
        }
    }

    /// <summary>Writing untrusted data into a collection, builder, array or document taints the variable or field that
    /// holds it, and the variables it was taken from (<c>var node = doc.SelectSingleNode(…)</c>: writing into
    /// <c>node</c> changes <c>doc</c>).</summary>
    private void MutateRoot(IOperation receiver, TaintValue value)
    {
        var key = RootKey(receiver);
        for (var step = 0; key is not null && step < MaxAliasChain; step++)
        {
            Write(key, Read(key).Join(value));
            key = aliases.TryGetValue(key, out var parent) ? parent : null;
        }
    }

    private object? RootKey(IOperation operation)
    {
        for (var guard = 0; guard < 32; guard++)
        {
            operation = TaintValidation.Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return capture.Id;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                    return SymbolFacts.HasSourceDeclaration(field.Field) ? field.Field.OriginalDefinition : null;
                case IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation:
                    return engine.IsAutoPropertyCached(property.Property) ? property.Property.OriginalDefinition : null;
                case IMemberReferenceOperation { Instance: { } instance }:
                    operation = instance;
                    break;
                case IInvocationOperation { Instance: { } instance }:
                    operation = instance;
                    break;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private void RecordAlias(object key, IOperation? valueOperation)
    {
        if (valueOperation is null || valueOperation.Type is not { IsReferenceType: true, SpecialType: not SpecialType.System_String })
        {
            return;
        }

        if (RootKey(valueOperation) is { } root && !TaintStateKeyEquals(root, key))
        {
            aliases[key] = root;
        }
    }

    private static bool TaintStateKeyEquals(object a, object b) =>
        a is ISymbol x && b is ISymbol y ? SymbolEqualityComparer.Default.Equals(x, y) : a.Equals(b);

    /// <summary>A boolean that holds a validation (<c>var ok = Allowed.Contains(name)</c>) validates when tested.</summary>
    private void RecordFlag(ISymbol symbol, IOperation? valueOperation)
    {
        RecordParse(symbol, valueOperation);
        if (valueOperation is null || valueOperation.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return;
        }

        flags[symbol] = flags.ContainsKey(symbol) && flags[symbol] != valueOperation ? null : valueOperation;
    }

    /// <summary>A nullable that holds a parse's result (<c>number = int.Parse(text)</c>, after <c>int? number = null</c>)
    /// is non-null only where the parse returned: a non-null test of it validates the parsed text. Null assignments do
    /// not count against it; any other value makes it unknown.</summary>
    private void RecordParse(ISymbol symbol, IOperation? valueOperation)
    {
        if (valueOperation is null || TaintValidation.Unwrap(valueOperation).ConstantValue is { HasValue: true, Value: null })
        {
            return;
        }

        var parse = TaintValidation.Unwrap(valueOperation) is IInvocationOperation { Arguments.Length: > 0 } invocation &&
            TaintValidation.ValidatesOnReturn(invocation.TargetMethod) ? invocation : null;
        if (parse is null && !parsedInto.ContainsKey(symbol))
        {
            return;
        }

        parsedInto[symbol] = parsedInto.TryGetValue(symbol, out var known) && known != parse ? null : parse;
    }
}
