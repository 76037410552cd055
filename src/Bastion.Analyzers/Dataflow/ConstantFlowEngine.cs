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
}
