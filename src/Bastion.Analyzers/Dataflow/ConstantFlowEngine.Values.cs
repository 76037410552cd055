using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Values: what an operation evaluates to — constants, containers, branches, transformations of constants.</summary>
internal sealed partial class ConstantFlowEngine
{
    private ValueSource Evaluate(IOperation value, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
        {
            return ValueSource.Unknown;
        }

        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is null ? ValueSource.Unknown : ValueSource.Constant(value);
        }

        switch (value)
        {
            case IUtf8StringOperation:
                return ValueSource.Constant(value);
            case IArrayCreationOperation { Initializer: { } initializer } when initializer.ElementValues.Length > 0 &&
                initializer.ElementValues.All(e => e.ConstantValue.HasValue):
                return ValueSource.Constant(value);
            case IObjectCreationOperation { Initializer: { } collection } when IsConstantCollection(collection):
                return ValueSource.Constant(value);
            case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } or
                IPropertyReferenceOperation { Property.Name: "Value", Instance: IPropertyReferenceOperation } when ContainerApis.ContainerRead(value) is { } container:
                return EvaluateElementRead(container, depth, inProgress, cancellationToken);
            case IParameterReferenceOperation parameter:
                return ValueSource.FromParameter(parameter.Parameter);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                // A constant on either branch is hard-coded on that path (config ?? "fallback" likewise).
                return EitherBranch(conditional.WhenTrue, whenFalse, depth, inProgress, cancellationToken);
            case ICoalesceOperation coalesce:
                return EitherBranch(coalesce.Value, coalesce.WhenNull, depth, inProgress, cancellationToken);
            case IObjectCreationOperation { Initializer: null, Arguments.Length: > 0 } creation when ContainerApis.IsContainer(creation.Type) &&
                ContainerApis.IsContainer(TaintValidation.Unwrap(creation.Arguments[0].Value).Type):
                // new MemoryStream(bytes), new List<string>(items): holds what its argument holds.
                return EvaluateElementRead(creation.Arguments[0].Value, depth, inProgress, cancellationToken);
            case IInvocationOperation invocation:
                return EvaluateInvocation(invocation, depth, inProgress, cancellationToken);
            case ILocalReferenceOperation local:
                return EvaluateLocal(local, depth, inProgress, cancellationToken);
            case IFieldReferenceOperation { Instance: { } instance } field when IsObjectPath(instance):
                return OrMember(EvaluateMemberOf(instance, field.Field.Name, depth + 1, inProgress, cancellationToken), field.Field, depth, inProgress, cancellationToken);
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance } property when IsObjectPath(instance):
                return OrMember(EvaluateMemberOf(instance, property.Property.Name, depth + 1, inProgress, cancellationToken), property.Property, depth, inProgress, cancellationToken);
            case IFieldReferenceOperation { Instance: null } field when CompilationWrites.IsShared(field.Field) && IsInCompilation(field.Field):
                return EvaluateSharedStatic(field, depth, inProgress, cancellationToken);
            case IPropertyReferenceOperation { Instance: null } property when CompilationWrites.IsShared(property.Property) && IsInCompilation(property.Property):
                return EvaluateSharedStatic(property, depth, inProgress, cancellationToken);
            case IFieldReferenceOperation field:
                return EvaluateMember(field.Field, depth, inProgress, cancellationToken);
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return EvaluateMember(property.Property, depth, inProgress, cancellationToken);
            default:
                return ValueSource.Unknown;
        }
    }

    /// <summary>An element of a constant array or collection (<c>keys[1]</c>, <c>settings["db"]</c>,
    /// <c>keys.First()</c>) is constant; its origin is where the array or collection is written.</summary>
    private ValueSource EvaluateElementRead(IOperation container, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        // Only arrays, strings and collections can be constant; an indexer on IConfiguration or a service cannot.
        if (!CanBeConstantContainer(container.Type))
        {
            return ValueSource.Unknown;
        }

        // A parameter's elements are the parameter, for summaries: BadSink(LinkedList<string> items) reads items.Last.Value.
        var source = Evaluate(container, depth + 1, inProgress, cancellationToken);
        return source.IsConstant || source.IsParameter && source.Path is null ? source : ValueSource.Unknown;
    }

    private static bool CanBeConstantContainer(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String || ContainerApis.IsContainer(type);

    private ValueSource EitherBranch(IOperation first, IOperation second, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var join = default(Join);
        foreach (var branch in new[] { first, second })
        {
            if (!LocalWrites.IsNoValue(branch))
            {
                join.Add(Evaluate(branch, depth + 1, inProgress, cancellationToken));
            }
        }

        return join.Or(default);
    }

    /// <summary>A member read through a local or parameter of a type the code defines itself (a holder, a struct, a
    /// settings object): followed to what was written to that member of that object.</summary>
    private static bool IsObjectPath(IOperation instance)
    {
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        return instance is ILocalReferenceOperation or IParameterReferenceOperation &&
            instance.Type is { } type && Infrastructure.SymbolFacts.HasSourceDeclaration(type) && !ContainerApis.IsContainer(type);
    }

    /// <summary>What the object says, else what the member's own writes say (a private or read-only member).</summary>
    private ValueSource OrMember(ValueSource ofObject, ISymbol member, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken) =>
        ofObject.IsConstant ? ofObject : EvaluateMember(member, depth, inProgress, cancellationToken) is { IsConstant: true } fromMember ? fromMember : ofObject;

    /// <summary><c>new List&lt;string&gt; { "a" }</c>, <c>new Dictionary&lt;string, string&gt; { ["k"] = "v" }</c>:
    /// a collection whose every initializer element is a constant.</summary>
    private static bool IsConstantCollection(IObjectOrCollectionInitializerOperation initializer)
    {
        if (initializer.Initializers.IsEmpty)
        {
            return false;
        }

        foreach (var element in initializer.Initializers)
        {
            var constant = element switch
            {
                IInvocationOperation add => add.Arguments.All(a => a.Value.ConstantValue.HasValue),
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } assignment =>
                    assignment.Value.ConstantValue.HasValue && indexer.Arguments.All(a => a.Value.ConstantValue.HasValue),
                _ => false,
            };
            if (!constant)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Transformers keep a constant constant (<c>Encoding.UTF8.GetBytes("…")</c>, <c>Convert.FromBase64String</c>,
    /// hashing, <c>ToArray</c>, <c>ToCharArray</c>); a method of this compilation whose every return is constant is one.</summary>
    private ValueSource EvaluateInvocation(IInvocationOperation invocation, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (IsTransformer(method))
        {
            // Static and extension transformers take their input as the first argument (Convert.FromBase64String,
            // Enumerable.ToArray, SHA256.HashData), as do Encoding.GetBytes and HashAlgorithm.ComputeHash; string and
            // span members transform their instance ("…".ToCharArray(), "…"u8.ToArray()).
            var transformsInstance = !method.IsStatic && !method.IsExtensionMethod && method.Name is "ToCharArray" or "ToUpperInvariant" or "ToLowerInvariant" or "Trim" or "ToArray";
            var input = transformsInstance ? invocation.Instance : invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            // A transformed parameter is still the parameter, so summaries see Configure(string s) => aes.Key = GetBytes(s).
            var source = input is null ? ValueSource.Unknown : Evaluate(input, depth + 1, inProgress, cancellationToken);
            return source.IsConstant ? ValueSource.Constant(invocation) : source;
        }

        if (ContainerApis.ContainerRead(invocation) is { } container)
        {
            return EvaluateElementRead(container, depth, inProgress, cancellationToken);
        }

        if (invocation.Arguments.IsEmpty && Infrastructure.SymbolFacts.HasSourceDeclaration(method) && !method.IsVirtual && !method.IsAbstract && !method.IsOverride)
        {
            return EvaluateMember(method, depth, inProgress, cancellationToken);
        }

        return ValueSource.Unknown;
    }

    private static bool IsTransformer(IMethodSymbol method)
    {
        var type = method.ContainingType;
        switch (method.Name)
        {
            case "GetBytes":
                return IsSystemType(type, "Text", "Encoding") || IsSystemType(type?.BaseType, "Text", "Encoding");
            case "FromBase64String" or "FromHexString":
                return IsSystemType(type, null, "Convert");
            case "ToCharArray" or "ToUpperInvariant" or "ToLowerInvariant" or "Trim":
                return type?.SpecialType == SpecialType.System_String;
            case "ToArray":
                return IsSystemType(type, "Linq", "Enumerable") || IsSystemType(type, null, "ReadOnlySpan") || IsSystemType(type, null, "Span");
            case "HashData" or "ComputeHash":
                return type?.ContainingNamespace is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace.Name: "System" } } ||
                       type?.BaseType?.ContainingNamespace is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace.Name: "System" } };
            default:
                return false;
        }
    }

    /// <summary><c>System.&lt;ns&gt;.&lt;name&gt;</c> (or <c>System.&lt;name&gt;</c>), compared without building strings.</summary>
    private static bool IsSystemType(INamedTypeSymbol? type, string? ns, string name)
    {
        if (type is null || type.Name != name)
        {
            return false;
        }

        var containing = type.ContainingNamespace;
        if (ns is not null)
        {
            if (containing?.Name != ns)
            {
                return false;
            }

            containing = containing.ContainingNamespace;
        }

        return containing is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
    }

    private static readonly HashSet<string> ReadOnlyMembers = StringSet.Of(
        "get_Item", "Contains", "ContainsKey", "ContainsValue", "TryGetValue", "IndexOf", "ToArray", "ToList", "CopyTo",
        "GetEnumerator", "AsSpan", "AsMemory", "Clone", "Equals", "GetHashCode", "ToString", "SequenceEqual",
        "Seek", "Flush", "FlushAsync", "Close", "Dispose", "DisposeAsync", "GetBuffer", "Peek", "GetType");

    /// <summary>Whether this use can change what an array or collection holds: an element assignment
    /// (<c>key[0] = …</c>, <c>settings["k"] = …</c>), a mutating call on it (<c>Add</c>, <c>Clear</c>, <c>Reverse</c>),
    /// or passing it where a callee could write into it (<c>RandomNumberGenerator.Fill(key)</c>), unless that
    /// callee is a sink or a transformer, which only read.</summary>
    private bool MayMutateContents(IOperation reference)
    {
        if (reference.Type is null || reference.Type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        var parent = reference.Parent;
        while (parent is IConversionOperation conversion && conversion.Operand == reference)
        {
            reference = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                return IsAssignmentTarget(element);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == reference:
                return IsAssignmentTarget(indexer);
            case IInvocationOperation invocation when invocation.Instance == reference:
                return !ReadOnlyMembers.Contains(invocation.TargetMethod.Name) && !IsTransformer(invocation.TargetMethod);
            case IArgumentOperation { Parent: IInvocationOperation read } argument when ContainerApis.ContainerRead(read) == argument.Value:
                // formatter.Deserialize(stream), items.First(): reads what the container holds.
                return false;
            case IArgumentOperation { Parent: { } call } argument:
                var target = Call(call).Target;
                if ((target is not null && (IsTransformer(target) || IsSystemType(target.ContainingType, "Linq", "Enumerable"))) ||
                    argument.Parameter?.Type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory" or "String" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection" or "IReadOnlyDictionary" })
                {
                    return false;
                }

                var sinkValues = new List<IOperation>();
                sinks.CollectSinkValues(call, sinkValues);
                return !sinkValues.Contains(argument.Value);
            default:
                return false;
        }
    }

    private static bool IsAssignmentTarget(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation ||
        operation.Parent is IIncrementOrDecrementOperation;
}
