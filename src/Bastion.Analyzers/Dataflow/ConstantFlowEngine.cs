using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The constant-flow engine, one per compilation and rule: "does a hard-coded value reach this sink?"
/// Backward from a value within its method — through conversions, locals (every write must be constant, so no
/// control-flow path can bring in another value), conditionals, coalescing, constant arrays, transformers such as
/// <c>Encoding.GetBytes</c> and <c>Convert.FromBase64String</c>, fields and properties written only with constants,
/// and methods whose every return is constant. Across methods by summaries: which parameters of a method reach a sink,
/// directly or through the methods it calls, memoised per compilation. Depth and work are bounded, so no method can
/// make the analysis slow; what exceeds a bound is treated as unknown (no finding), never as constant.</summary>
internal sealed partial class ConstantFlowEngine
{
    private const int MaxDepth = 8;
    internal const int MaxOperationsPerSummary = 20_000;

    private readonly Compilation compilation;
    private readonly ISinkCatalog sinks;
    // Plain caches, not Lazy<T>: two threads may compute the same entry (the results are equal), but none ever
    // blocks on another, so mutually dependent summaries cannot deadlock. Cycles are cut by the in-progress set.
    private readonly ConcurrentDictionary<ISymbol, ValueSource> memberValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<SinkPath>> parameterSummaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<(IOperation Write, IOperation Value)>> sharedWrites = new(SymbolEqualityComparer.Default);

    public ConstantFlowEngine(Compilation compilation, ISinkCatalog sinks)
    {
        this.compilation = compilation;
        this.sinks = sinks;
    }

    /// <summary>A parameter of a method that reaches a sink, itself or through one of its members (<see cref="Path"/>);
    /// <see cref="Sink"/> is the sink value's operation.</summary>
    internal readonly struct SinkPath
    {
        public SinkPath(int parameterOrdinal, string? path, IOperation sink)
        {
            ParameterOrdinal = parameterOrdinal;
            Path = path;
            Sink = sink;
        }

        public int ParameterOrdinal { get; }

        public string? Path { get; }

        public IOperation Sink { get; }
    }

    /// <summary>What <paramref name="argument"/> gives a parameter that reaches a sink through <paramref name="path"/>:
    /// its value, or what was written to that member of it.</summary>
    public ValueSource EvaluateAt(IOperation argument, string? path, CancellationToken cancellationToken) =>
        path is null ? Evaluate(argument, cancellationToken) : EvaluateMemberOf(argument, path, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    /// <summary>The parameters that reach a sink in any body a call of <paramref name="target"/> may run (every
    /// override and implementation of a virtual, abstract or interface member).</summary>
    public ImmutableArray<SinkPath> ParametersReachingSinksThrough(IMethodSymbol target, CancellationToken cancellationToken) =>
        ParametersReachingSinksThrough(target, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    private ImmutableArray<SinkPath> ParametersReachingSinksThrough(IMethodSymbol target, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var bodies = Implementations(target);
        if (bodies.Length == 1)
        {
            return ParametersReachingSinks(bodies[0], depth, inProgress, cancellationToken);
        }

        var paths = ImmutableArray.CreateBuilder<SinkPath>();
        foreach (var body in bodies)
        {
            foreach (var path in ParametersReachingSinks(body, depth, inProgress, cancellationToken))
            {
                if (!paths.Any(p => p.ParameterOrdinal == path.ParameterOrdinal && p.Path == path.Path))
                {
                    paths.Add(path);
                }
            }
        }

        return paths.ToImmutable();
    }

    /// <summary>The bodies a call of <paramref name="method"/> may run; the method alone when nothing can override it.</summary>
    public ImmutableArray<IMethodSymbol> Implementations(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (!(method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
        {
            return ImmutableArray.Create(method);
        }

        return implementations.TryGetValue(method, out var known) ? known : implementations.GetOrAdd(method, m => MethodImplementations.Find(compilation, m, HasBody));
    }

    private static bool HasBody(IMethodSymbol method) => !method.IsAbstract && !method.IsExtern && Infrastructure.SymbolFacts.HasSourceDeclaration(method);

    public ValueSource Evaluate(IOperation value, CancellationToken cancellationToken)
    {
        // Most values asked about are a literal or a parameter (the arguments of every call of a method of this
        // compilation are): answered before the set of symbols in progress is made.
        var operand = value;
        while (operand is IConversionOperation conversion)
        {
            operand = conversion.Operand;
        }

        if (operand.ConstantValue.HasValue)
        {
            return operand.ConstantValue.Value is null ? ValueSource.Unknown : ValueSource.Constant(operand);
        }

        return operand is IParameterReferenceOperation parameter
            ? ValueSource.FromParameter(parameter.Parameter)
            : Evaluate(operand, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
    }

    /// <summary>The parameters of <paramref name="method"/> (declared in this compilation) that reach a sink.</summary>
    public ImmutableArray<SinkPath> ParametersReachingSinks(IMethodSymbol method, CancellationToken cancellationToken) =>
        ParametersReachingSinks(method, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    private ImmutableArray<SinkPath> ParametersReachingSinks(IMethodSymbol method, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (depth > MaxDepth || method.Parameters.IsEmpty || method.IsAbstract || method.IsExtern || !Infrastructure.SymbolFacts.HasSourceDeclaration(method))
        {
            return ImmutableArray<SinkPath>.Empty;
        }

        if (parameterSummaries.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (!inProgress.Add(method))
        {
            return ImmutableArray<SinkPath>.Empty;
        }

        try
        {
            var summary = ComputeSummary(method, depth, inProgress, cancellationToken);
            return parameterSummaries.GetOrAdd(method, summary);
        }
        finally
        {
            inProgress.Remove(method);
        }
    }

    private ImmutableArray<SinkPath> ComputeSummary(IMethodSymbol method, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var body = GetBody(method, cancellationToken);
        if (body is null)
        {
            return ImmutableArray<SinkPath>.Empty;
        }

        var paths = ImmutableArray.CreateBuilder<SinkPath>();
        var values = new List<IOperation>();
        var visited = 0;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (++visited > MaxOperationsPerSummary)
            {
                break;
            }

            values.Clear();
            sinks.CollectSinkValues(operation, values);
            foreach (var value in values)
            {
                AddIfParameter(paths, Evaluate(value, depth + 1, inProgress, cancellationToken), value, method);
            }

            // Parameters passed on to another method of this compilation that reaches a sink with them.
            if (operation is IInvocationOperation or IObjectCreationOperation)
            {
                var (target, arguments) = Call(operation);
                if (target is null || SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method))
                {
                    continue;
                }

                // Only a parameter of this method passed on can extend the summary: the arguments are looked at before
                // the summary of the method called, whose body may not be bound yet.
                List<(int Ordinal, ValueSource Source)>? passed = null;
                foreach (var argument in arguments)
                {
                    if (argument.Parameter is { } parameter &&
                        Evaluate(argument.Value, depth + 1, inProgress, cancellationToken) is { IsParameter: true } source &&
                        SymbolEqualityComparer.Default.Equals(source.Parameter!.ContainingSymbol, method))
                    {
                        (passed ??= new()).Add((parameter.Ordinal, source));
                    }
                }

                if (passed is null)
                {
                    continue;
                }

                foreach (var path in ParametersReachingSinksThrough(target, depth + 1, inProgress, cancellationToken))
                {
                    foreach (var (ordinal, source) in passed)
                    {
                        if (ordinal == path.ParameterOrdinal && ValueSource.TryCompose(source.Path, path.Path, out var composed))
                        {
                            AddIfParameter(paths, ValueSource.FromParameter(source.Parameter!, composed), path.Sink, method);
                            break;
                        }
                    }
                }
            }
        }

        return paths.ToImmutable();
    }

    private static void AddIfParameter(ImmutableArray<SinkPath>.Builder paths, ValueSource source, IOperation sink, IMethodSymbol method)
    {
        if (source.IsParameter && SymbolEqualityComparer.Default.Equals(source.Parameter!.ContainingSymbol, method) &&
            !paths.Any(p => p.ParameterOrdinal == source.Parameter.Ordinal && p.Path == source.Path))
        {
            paths.Add(new SinkPath(source.Parameter.Ordinal, source.Path, sink));
        }
    }

    public static (IMethodSymbol? Target, ImmutableArray<IArgumentOperation> Arguments) Call(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
        IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
    };

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
