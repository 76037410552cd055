using System;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The transfer functions: what each operation evaluates to and how it changes the state.</summary>
internal sealed partial class TaintAnalysis
{
    private TaintValue Eval(IOperation operation)
    {
        if (++work > engine.Limits.MaxWorkPerMethod || expressionDepth >= MaxExpressionDepth)
        {
            truncated = true;
            return TaintValue.Clean;
        }

        expressionDepth++;
        try
        {
            var value = EvalCore(operation);
            return TaintEngine.IsTextFreeType(operation.Type) ? value.Restricted(SinkKinds.Amount) : value;
        }
        finally
        {
            expressionDepth--;
        }
    }

    private TaintValue EvalCore(IOperation operation)
    {
        if (operation.ConstantValue.HasValue)
        {
            return TaintValue.Clean;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Read(local.Local);
            case IParameterReferenceOperation parameter:
                return isolated ? TaintValue.Clean : Read(parameter.Parameter);
            case IFlowCaptureReferenceOperation capture:
                return Read(capture.Id);
            case IFlowCaptureOperation capture:
                var captured = Eval(capture.Value);
                Write(capture.Id, captured);
                RecordAlias(capture.Id, capture.Value);
                return TaintValue.Clean;
            case IInstanceReferenceOperation or ILiteralOperation or IDelegateCreationOperation or IAnonymousFunctionOperation or IFlowAnonymousFunctionOperation or
                ILocalFunctionOperation or ICaughtExceptionOperation or ITypeOfOperation or ISizeOfOperation or IDefaultValueOperation or IIncrementOrDecrementOperation:
                return TaintValue.Clean;
            case IFieldReferenceOperation field:
                return ReadMember(field.Field, field.Instance, SymbolFacts.HasSourceDeclaration(field.Field));
            case IPropertyReferenceOperation property:
                return EvalProperty(property);
            case IArrayElementReferenceOperation element:
                return Eval(element.ArrayReference);
            case IInvocationOperation invocation:
                return EvalInvocation(invocation);
            case IObjectCreationOperation creation:
                return EvalCreation(creation);
            case ISimpleAssignmentOperation assignment:
                return EvalAssignment(assignment, assignment.Value, compound: false);
            case ICompoundAssignmentOperation compound:
                return EvalAssignment(compound, compound.Value, compound: true);
            case ICoalesceAssignmentOperation coalesce:
                return EvalAssignment(coalesce, coalesce.Value, compound: true);
            case IDeconstructionAssignmentOperation deconstruction:
                EvalDeconstruction(deconstruction);
                return TaintValue.Clean;
            case IIsPatternOperation pattern:
                BindPattern(pattern.Pattern, Eval(pattern.Value));
                return TaintValue.Clean;
            case IIsNullOperation isNull:
                Eval(isNull.Operand);
                return TaintValue.Clean;
            case IConversionOperation conversion:
                return Eval(conversion.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder or BinaryOperatorKind.And } binary when engine.Sinks.SinksInBounds &&
                TaintEngine.IsTextFreeType(binary.Type):
                // x % n and x & mask are no larger than what the right side allows.
                var right = Eval(binary.RightOperand);
                return Eval(binary.LeftOperand).Sanitized(SinkKinds.Amount).Join(right);
            case IBinaryOperation binary when engine.Sinks.SinksInBounds && LoopConditions.IsBound(binary):
                var bound = Eval(binary.LeftOperand).Join(Eval(binary.RightOperand));
                RecordSinks(binary, ImmutableArray<IArgumentOperation>.Empty, Array.Empty<TaintValue>());
                return bound;
            case IArrayCreationOperation array when engine.Sinks.SinksInBounds:
                var sizes = TaintValue.Clean;
                foreach (var child in array.ChildOperations)
                {
                    sizes = sizes.Join(Eval(child));
                }

                RecordSinks(array, ImmutableArray<IArgumentOperation>.Empty, Array.Empty<TaintValue>());
                return sizes;
            case IAwaitOperation await:
                return Eval(await.Operation);
            default:
                var result = TaintValue.Clean;
                foreach (var child in operation.ChildOperations)
                {
                    result = result.Join(Eval(child));
                }

                return result;
        }
    }

    /// <summary><c>Length</c>, <c>LongLength</c> and <c>Count</c> of a string, array or collection.</summary>
    private static bool IsSizeOfHeldData(IPropertySymbol property)
    {
        if (property.Name is not ("Length" or "LongLength" or "Count") || property.IsIndexer || property.ContainingType is not { } type)
        {
            return false;
        }

        if (type.SpecialType is SpecialType.System_String or SpecialType.System_Array || type.Name is "ICollection" or "IReadOnlyCollection")
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name is "ICollection" or "IReadOnlyCollection")
            {
                return true;
            }
        }

        return false;
    }

    private TaintValue ReadMember(ISymbol member, IOperation? instance, bool tracked)
    {
        var value = TaintValue.Clean;
        if (tracked && !isolated)
        {
            value = Read(member.OriginalDefinition);
        }

        if (instance is not null and not IInstanceReferenceOperation)
        {
            value = value.Join(Eval(instance));
        }

        return value;
    }

    private TaintValue EvalProperty(IPropertyReferenceOperation reference)
    {
        if (engine.Sources.Describe(reference) is { } description)
        {
            return TaintValue.FromSource(new TaintOrigin(reference.Syntax, description));
        }

        if (IsSizeOfHeldData(reference.Property))
        {
            // How many elements or characters are already in memory: a loop over them is bounded by data received.
            return TaintValue.Clean;
        }

        var property = reference.Property;
        if (engine.IsAutoPropertyCached(property))
        {
            return ReadMember(property, reference.Instance, tracked: true);
        }

        if (!isolated && property.GetMethod is { } getter && engine.IsInSource(getter))
        {
            var instance = reference.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(reference.Instance);
            var (values, syntaxes, targets) = ArgumentsByOrdinal(getter, reference.Arguments);
            return ApplyCall(reference, getter, instance, values, syntaxes, targets) ?? instance;
        }

        return reference.Instance is null or IInstanceReferenceOperation ? TaintValue.Clean : Eval(reference.Instance);
    }

    private TaintValue EvalInvocation(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var instance = invocation.Instance is null ? TaintValue.Clean : Eval(invocation.Instance);
        var (values, syntaxes, targets) = ArgumentsByOrdinal(target, invocation.Arguments);
        RecordSinks(invocation, invocation.Arguments, values);

        TaintValue result;
        if (engine.Sources.Describe(invocation) is { } description)
        {
            // Reading from a reader that is already untrusted (new StreamReader(client.GetStream())) names where it came from.
            result = instance.IsTainted ? TaintValue.FromSource(instance.Source!) : TaintValue.FromSource(new TaintOrigin(invocation.Syntax, description));
            AssignOutArguments(invocation.Arguments, result);
        }
        else if (engine.Sinks.SinksInBounds && engine.Sources.DescribeUnbounded(invocation) is { } unbounded)
        {
            result = TaintValue.FromSource(new TaintOrigin(invocation.Syntax, unbounded, uncontrolled: true));
        }
        else if (engine.Validation.IsSanitizer(target))
        {
            result = TaintValue.Clean;
        }
        else
        {
            result = (isolated ? null : ApplyCall(invocation, target, instance, values, syntaxes, targets)) ?? External(target, invocation.Instance, instance, invocation.Arguments, values);
            result = result.Sanitized(engine.Validation.SanitizedKinds(target));
            if (TaintValidation.ValidatesOnReturn(target) && invocation.Arguments.Length > 0 && ValidationKey(invocation.Arguments[0].Value) is { } parsed)
            {
                state.Set(parsed, TaintValue.Clean);
            }
        }

        if (engine.Sources.DescribeBufferFill(invocation) is { } fill)
        {
            var filled = TaintValue.FromSource(new TaintOrigin(invocation.Syntax, fill));
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "Memory" or "ArraySegment" })
                {
                    MutateRoot(argument.Value, filled);
                }
            }
        }

        return result;
    }

    private TaintValue EvalCreation(IObjectCreationOperation creation)
    {
        var constructor = creation.Constructor;
        var result = TaintValue.Clean;
        if (constructor is null)
        {
            foreach (var argument in creation.Arguments)
            {
                result = result.Join(Eval(argument.Value));
            }
        }
        else
        {
            var (values, syntaxes, targets) = ArgumentsByOrdinal(constructor, creation.Arguments);
            RecordSinks(creation, creation.Arguments, values);
            // An object of this compilation carries its state in its fields; a library object carries its arguments.
            var summarized = !isolated && ApplyCall(creation, constructor, TaintValue.Clean, values, syntaxes, targets) is not null;
            if (!isolated)
            {
                WritePositionalProperties(constructor, values);
            }

            result = summarized || SymbolFacts.HasSourceDeclaration(constructor) ? TaintValue.Clean : External(constructor, null, TaintValue.Clean, creation.Arguments, values);
        }

        if (creation.Initializer is { } initializer)
        {
            Eval(initializer);
        }

        return result;
    }

    /// <summary>A record's primary constructor has no body to summarize: each parameter is the property of its name.</summary>
    private void WritePositionalProperties(IMethodSymbol constructor, TaintValue[] values)
    {
        if (!constructor.ContainingType.IsRecord || constructor.DeclaringSyntaxReferences.Length == 0 ||
            constructor.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax)
        {
            return;
        }

        foreach (var parameter in constructor.Parameters)
        {
            var members = constructor.ContainingType.GetMembers(parameter.Name);
            if (parameter.Ordinal < values.Length && !values[parameter.Ordinal].IsClean && members.Length > 0 && members[0] is IPropertySymbol property)
            {
                // Per member, not per object: joined with what other records of the type were given.
                Write(property.OriginalDefinition, Read(property.OriginalDefinition).Join(values[parameter.Ordinal]));
            }
        }
    }

    /// <summary>Argument values by parameter ordinal (a <c>params</c> array joins its elements); <c>out</c> arguments are
    /// targets, not values.</summary>
    private (TaintValue[] Values, SyntaxNode?[] Syntaxes, IOperation?[] Targets) ArgumentsByOrdinal(IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments)
    {
        var count = target.Parameters.Length + 1;
        var values = new TaintValue[count];
        var syntaxes = new SyntaxNode?[count];
        var targets = new IOperation?[count];
        foreach (var argument in arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (ordinal < 0 || ordinal >= count)
            {
                Eval(argument.Value);
                continue;
            }

            if (argument.Parameter!.RefKind is RefKind.Out or RefKind.Ref)
            {
                targets[ordinal] = argument.Value;
                if (argument.Parameter.RefKind == RefKind.Out)
                {
                    continue;
                }
            }

            values[ordinal] = values[ordinal].Join(Eval(argument.Value));
            syntaxes[ordinal] ??= ReportSyntax(argument.Value.Syntax);
        }

        return (values, syntaxes, targets);
    }

    /// <summary>A method without a body here: its result carries its instance and arguments (<c>string.Format</c>,
    /// <c>Path.Combine</c>, <c>new StreamReader(stream)</c>); <c>TryGetValue</c> gives what the collection holds, not the
    /// key; a void, <c>bool</c> or fluent call on a collection or builder stores its arguments in it (<c>list.Add</c>,
    /// <c>builder.Append</c>).</summary>
    private TaintValue External(IMethodSymbol? target, IOperation? instanceOperation, TaintValue instance, ImmutableArray<IArgumentOperation> arguments, TaintValue[] values)
    {
        var fromArguments = TaintValue.Clean;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.None or RefKind.In } parameter && parameter.Type.TypeKind != TypeKind.Delegate && parameter.Ordinal < values.Length)
            {
                fromArguments = fromArguments.Join(values[parameter.Ordinal]);
            }
        }

        var result = instance.Join(fromArguments);
        AssignOutArguments(arguments, target?.Name.StartsWith("TryGet", StringComparison.Ordinal) == true ? instance : result);

        if (instanceOperation is not null and not IInstanceReferenceOperation && !fromArguments.IsClean && target is not null &&
            instanceOperation.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String } receiverType &&
            !engine.Sinks.IsNeutralizingReceiver(receiverType) && IsStoringCall(target, receiverType))
        {
            MutateRoot(instanceOperation, fromArguments);
        }

        if (target is not null && ContainerApis.SerializationTarget(target, arguments) is { } stream)
        {
            // formatter.Serialize(stream, graph): the stream now holds the graph.
            var graph = TaintValue.Clean;
            for (var i = 1; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter is { } parameter && parameter.Ordinal < values.Length)
                {
                    graph = graph.Join(values[parameter.Ordinal]);
                }
            }

            if (!graph.IsClean)
            {
                MutateRoot(stream, graph);
            }
        }

        return result;
    }

    internal static readonly string[] StoringPrefixes = { "Add", "Append", "Insert", "Push", "Enqueue", "Set", "TryAdd", "Prepend", "Write", "Put", "Replace", "Load", "Import" };

    /// <summary>A call that stores its arguments in its receiver: a void, <c>bool</c> or fluent method named like
    /// <c>Add</c>, <c>Append</c>, <c>Insert</c>, <c>Push</c>, <c>Enqueue</c>, <c>Set…</c>, <c>Write…</c>, <c>LoadXml</c>.
    /// Queries such as <c>Contains</c> or <c>IndexOf</c> store nothing.</summary>
    private static bool IsStoringCall(IMethodSymbol target, ITypeSymbol receiverType)
    {
        if (ContainerApis.IsContainer(receiverType) && ContainerApis.IsStore(target))
        {
            return true;
        }

        if (!(target.ReturnsVoid || target.ReturnType.SpecialType == SpecialType.System_Boolean || SymbolEqualityComparer.Default.Equals(target.ReturnType, receiverType)))
        {
            return false;
        }

        foreach (var prefix in StoringPrefixes)
        {
            if (target.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void AssignOutArguments(ImmutableArray<IArgumentOperation> arguments, TaintValue value)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
            {
                Assign(argument.Value, null, value);
            }
        }
    }
}
