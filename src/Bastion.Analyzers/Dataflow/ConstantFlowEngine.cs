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

/// <summary>Where a value comes from, as far as the engine could tell: a constant born at <see cref="Origin"/>
/// (a literal, a constant array, <c>Encoding.UTF8.GetBytes("…")</c>), or a parameter of the method being read.</summary>
internal readonly struct ValueSource
{
    private ValueSource(IOperation? origin, IParameterSymbol? parameter)
    {
        Origin = origin;
        Parameter = parameter;
    }

    public IOperation? Origin { get; }

    public IParameterSymbol? Parameter { get; }

    public bool IsConstant => Origin is not null;

    public bool IsParameter => Parameter is not null;

    public bool IsUnknown => Origin is null && Parameter is null;

    public static ValueSource Unknown => default;

    public static ValueSource Constant(IOperation origin) => new(origin, null);

    public static ValueSource FromParameter(IParameterSymbol parameter) => new(null, parameter);
}

/// <summary>Decides which arguments are sinks (a credential parameter, a key setter) for one rule.</summary>
internal interface ISinkCatalog
{
    /// <summary>The sink values of <paramref name="operation"/> (arguments or assigned values), if it is a sink.</summary>
    void CollectSinkValues(IOperation operation, List<IOperation> values);
}

/// <summary>The constant-flow engine, one per compilation and rule: "does a hard-coded value reach this sink?"
/// Backward from a value within its method — through conversions, locals (every write must be constant, so no
/// control-flow path can bring in another value), conditionals, coalescing, constant arrays, transformers such as
/// <c>Encoding.GetBytes</c> and <c>Convert.FromBase64String</c>, fields and properties written only with constants,
/// and methods whose every return is constant. Across methods by summaries: which parameters of a method reach a sink,
/// directly or through the methods it calls, memoised per compilation. Depth and work are bounded, so no method can
/// make the analysis slow; what exceeds a bound is treated as unknown (no finding), never as constant.</summary>
internal sealed class ConstantFlowEngine
{
    private const int MaxDepth = 8;
    private const int MaxOperationsPerSummary = 20_000;

    private readonly Compilation compilation;
    private readonly ISinkCatalog sinks;
    // Plain caches, not Lazy<T>: two threads may compute the same entry (the results are equal), but none ever
    // blocks on another, so mutually dependent summaries cannot deadlock. Cycles are cut by the in-progress set.
    private readonly ConcurrentDictionary<ISymbol, ValueSource> memberValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<SinkPath>> parameterSummaries = new(SymbolEqualityComparer.Default);

    public ConstantFlowEngine(Compilation compilation, ISinkCatalog sinks)
    {
        this.compilation = compilation;
        this.sinks = sinks;
    }

    /// <summary>A parameter of a method that reaches a sink; <see cref="Sink"/> is the sink value's operation.</summary>
    internal readonly struct SinkPath
    {
        public SinkPath(int parameterOrdinal, IOperation sink)
        {
            ParameterOrdinal = parameterOrdinal;
            Sink = sink;
        }

        public int ParameterOrdinal { get; }

        public IOperation Sink { get; }
    }

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

                foreach (var path in ParametersReachingSinks(target, depth + 1, inProgress, cancellationToken))
                {
                    foreach (var (ordinal, source) in passed)
                    {
                        if (ordinal == path.ParameterOrdinal)
                        {
                            AddIfParameter(paths, source, path.Sink, method);
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
            !paths.Any(p => p.ParameterOrdinal == source.Parameter.Ordinal))
        {
            paths.Add(new SinkPath(source.Parameter.Ordinal, sink));
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
            case IArrayElementReferenceOperation element:
                return EvaluateElementRead(element.ArrayReference, depth, inProgress, cancellationToken);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } container }:
                return EvaluateElementRead(container, depth, inProgress, cancellationToken);
            case IParameterReferenceOperation parameter:
                return ValueSource.FromParameter(parameter.Parameter);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                var whenTrue = Evaluate(conditional.WhenTrue, depth + 1, inProgress, cancellationToken);
                return whenTrue.IsConstant && Evaluate(whenFalse, depth + 1, inProgress, cancellationToken).IsConstant ? ValueSource.Constant(conditional) : ValueSource.Unknown;
            case ICoalesceOperation coalesce:
                var first = Evaluate(coalesce.Value, depth + 1, inProgress, cancellationToken);
                return first.IsConstant ? first : ValueSource.Unknown;
            case IInvocationOperation invocation:
                return EvaluateInvocation(invocation, depth, inProgress, cancellationToken);
            case ILocalReferenceOperation local:
                return EvaluateLocal(local, depth, inProgress, cancellationToken);
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

        var source = Evaluate(container, depth + 1, inProgress, cancellationToken);
        return source.IsConstant ? source : ValueSource.Unknown;
    }

    private static bool CanBeConstantContainer(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol => true,
        { SpecialType: SpecialType.System_String } => true,
        INamedTypeSymbol named => named.ContainingNamespace is { Name: "Generic" or "Immutable", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } },
        _ => false,
    };

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

        if (method.Name is "First" or "Last" or "Single" or "ElementAt" or "FirstOrDefault" && IsSystemType(method.ContainingType, "Linq", "Enumerable") &&
            invocation.Arguments.Length > 0)
        {
            return EvaluateElementRead(invocation.Arguments[0].Value, depth, inProgress, cancellationToken);
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

    /// <summary>A local is constant when every write to it in its method is (declaration initializer and
    /// assignments); any other write (<c>ref</c>, <c>out</c>, compound assignment, deconstruction) makes it unknown.</summary>
    private ValueSource EvaluateLocal(ILocalReferenceOperation reference, int depth, HashSet<ISymbol> inProgress, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (!inProgress.Add(local))
        {
            return ValueSource.Unknown;
        }

        try
        {
            IOperation top = reference;
            while (top.Parent is not null)
            {
                top = top.Parent;
            }

            var uses = LocalUses.Of(top);
            ValueSource result = ValueSource.Unknown;
            var sawWrite = false;
            foreach (var operation in uses.Of(local))
            {
                IOperation? written = null;
                switch (operation)
                {
                    // foreach (var c in "…"): every iteration variable comes from the constant collection.
                    case IForEachLoopOperation loop:
                        written = loop.Collection;
                        break;
                    case IVariableDeclaratorOperation declarator:
                        written = declarator.GetVariableInitializer()?.Value;
                        if (written is null)
                        {
                            continue;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment:
                        written = assignment.Value;
                        break;
                    case ILocalReferenceOperation other when IsOtherWrite(other) || MayMutateContents(other):
                        return ValueSource.Unknown;
                    default:
                        continue;
                }

                sawWrite = true;
                var source = Evaluate(written, depth + 1, inProgress, cancellationToken);
                if (!source.IsConstant)
                {
                    return source.IsParameter ? source : ValueSource.Unknown;
                }

                if (result.IsUnknown)
                {
                    result = source;
                }
            }

            // A body past the bound was indexed only in part: what the rest does to the local is unknown.
            if (uses.Truncated)
            {
                return ValueSource.Unknown;
            }

            return sawWrite ? result : ValueSource.Unknown;
        }
        finally
        {
            inProgress.Remove(local);
        }
    }

    /// <summary>A write that is not a plain assignment: <c>out</c>/<c>ref</c> argument, compound assignment,
    /// increment, deconstruction target, or the target of a <c>using</c>/<c>foreach</c> variable.</summary>
    private static bool IsOtherWrite(IOperation reference) => reference.Parent switch
    {
        IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } => true,
        ICompoundAssignmentOperation compound => compound.Target == reference,
        IIncrementOrDecrementOperation => true,
        ITupleOperation { Parent: IDeconstructionAssignmentOperation } => true,
        _ => false,
    };

    private static readonly HashSet<string> ReadOnlyMembers = StringSet.Of(
        "get_Item", "Contains", "ContainsKey", "ContainsValue", "TryGetValue", "IndexOf", "ToArray", "ToList", "CopyTo",
        "GetEnumerator", "AsSpan", "AsMemory", "Clone", "Equals", "GetHashCode", "ToString", "SequenceEqual");

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

        ValueSource result = ValueSource.Unknown;
        foreach (var write in writes)
        {
            var source = Evaluate(write, depth + 1, inProgress, cancellationToken);
            if (!source.IsConstant)
            {
                return ValueSource.Unknown;
            }

            if (result.IsUnknown)
            {
                result = source;
            }
        }

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

    /// <summary>The name a node may write: a declarator's or property's own initializer, an assignment whose target ends in
    /// the name, an element write into it.</summary>
    private static string? WrittenName(SyntaxNode node) => node switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: Microsoft.CodeAnalysis.CSharp.Syntax.ElementAccessExpressionSyntax element } => RightmostName(element.Expression),
        Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property } => property.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment => RightmostName(assignment.Left),
        _ => null,
    };

    private static string? RightmostName(SyntaxNode target) => target switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

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

    /// <summary>The operations of one body that write or use each local, in the body's order (a <c>foreach</c> over it, its
    /// declarator, assignments to it, every reference to it): found in one walk the first time a local of the body is
    /// evaluated, instead of one walk of the whole body per local evaluated. Kept per operation tree, which the driver
    /// hands every analyzer, so both constant-flow rules share it. Past <see cref="MaxOperationsPerSummary"/> operations
    /// the walk stops and the body is marked <see cref="Truncated"/>.</summary>
    private sealed class LocalUses
    {
        private static readonly ConditionalWeakTable<IOperation, LocalUses> Bodies = new();
        private static readonly ConditionalWeakTable<IOperation, LocalUses>.CreateValueCallback Build = root => new LocalUses(root);

        private readonly Dictionary<ILocalSymbol, List<IOperation>> byLocal = new(SymbolEqualityComparer.Default);

        private LocalUses(IOperation root)
        {
            var visited = 0;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (++visited > MaxOperationsPerSummary)
                {
                    Truncated = true;
                    break;
                }

                switch (operation)
                {
                    case IForEachLoopOperation loop:
                        foreach (var local in loop.Locals)
                        {
                            Add(local, loop);
                        }

                        break;
                    case IVariableDeclaratorOperation declarator:
                        Add(declarator.Symbol, declarator);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        Add(target.Local, assignment);
                        break;
                    case ILocalReferenceOperation reference:
                        Add(reference.Local, reference);
                        break;
                }
            }
        }

        public bool Truncated { get; }

        public static LocalUses Of(IOperation root) => Bodies.GetValue(root, Build);

        public IReadOnlyList<IOperation> Of(ILocalSymbol local) => byLocal.TryGetValue(local, out var uses) ? uses : Array.Empty<IOperation>();

        private void Add(ILocalSymbol local, IOperation operation)
        {
            if (!byLocal.TryGetValue(local, out var uses))
            {
                byLocal[local] = uses = new List<IOperation>(4);
            }

            uses.Add(operation);
        }
    }

    /// <summary>What a member's value and its mutations are looked up by, for one type declaration, in one walk of its
    /// syntax: the nodes that may write each name (<see cref="WrittenName"/>) and the identifiers spelled as each name,
    /// in document order. Without it every member evaluated walked its whole declaring type twice, which in a large type
    /// with many fields read as arguments was most of the engine's time. Kept per declaration node, so both
    /// constant-flow rules share it.</summary>
    private sealed class TypeNames
    {
        private static readonly ConditionalWeakTable<SyntaxNode, TypeNames> Declarations = new();
        private static readonly ConditionalWeakTable<SyntaxNode, TypeNames>.CreateValueCallback Build = declaration => new TypeNames(declaration);

        private readonly Dictionary<string, List<SyntaxNode>> writes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>> identifiers = new(StringComparer.Ordinal);

        private TypeNames(SyntaxNode declaration)
        {
            foreach (var node in declaration.DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier)
                {
                    Add(identifiers, identifier.Identifier.ValueText, identifier);
                }
                else if (WrittenName(node) is { } name)
                {
                    Add(writes, name, node);
                }
            }
        }

        public static TypeNames Of(SyntaxNode declaration) => Declarations.GetValue(declaration, Build);

        public IReadOnlyList<SyntaxNode> Writes(string name) => writes.TryGetValue(name, out var found) ? found : Array.Empty<SyntaxNode>();

        public IReadOnlyList<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax> Identifiers(string name) =>
            identifiers.TryGetValue(name, out var found) ? found : Array.Empty<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>();

        private static void Add<T>(Dictionary<string, List<T>> index, string name, T node)
        {
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = new List<T>(2);
            }

            list.Add(node);
        }
    }

    private IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken) => MethodBodies.Of(compilation, method, cancellationToken);

    private SemanticModel SemanticModelFor(SyntaxTree tree) => MethodBodies.ModelFor(compilation, tree);
}
