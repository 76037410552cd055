using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Describes a finding to the rule that reports it: what reached which sink.</summary>
internal delegate Diagnostic? ConstantFlowReporter(ValueSource source, IOperation sinkValue, Location location, ImmutableArray<Location> additionalLocations, bool originIsHere);

/// <summary>Drives a <see cref="ConstantFlowEngine"/> for one rule in one compilation. Sink-first: every sink is
/// checked where it is (a constant that reaches it within the method), and every call of a method of this compilation
/// whose parameters reach a sink is checked at the call (a constant passed in). A finding is placed on the constant
/// when it is in the file being analyzed, else on the sink value with the constant as an additional location; each
/// constant is reported once.</summary>
internal sealed class ConstantSinkAnalysis
{
    private readonly ConstantFlowEngine engine;
    private readonly ISinkCatalog sinks;
    private readonly ConstantFlowReporter reporter;
    private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), bool> reported = new();
    private List<IOperation>? spareValues;

    public ConstantSinkAnalysis(Compilation compilation, ISinkCatalog sinks, ConstantFlowReporter reporter)
    {
        engine = new ConstantFlowEngine(compilation, sinks);
        this.sinks = sinks;
        this.reporter = reporter;
    }

    public void Register(CompilationStartAnalysisContext context) =>
        context.RegisterOperationAction(Analyze, OperationKind.SimpleAssignment, OperationKind.Invocation, OperationKind.ObjectCreation);

    private void Analyze(OperationAnalysisContext context)
    {
        // One spare list, not one per assignment, call and creation of the build: taken while in use, so a concurrent
        // caller makes its own.
        var values = Interlocked.Exchange(ref spareValues, null) ?? new List<IOperation>();
        try
        {
            sinks.CollectSinkValues(context.Operation, values);
            foreach (var value in values)
            {
                var source = engine.Evaluate(value, context.CancellationToken);
                if (source.IsConstant)
                {
                    Report(context, source, value, value);
                }
            }
        }
        finally
        {
            values.Clear();
            spareValues = values;
        }

        var (target, arguments) = ConstantFlowEngine.Call(context.Operation);
        if (target is null || !SymbolFacts.HasSourceDeclaration(target))
        {
            return;
        }

        // A call completes a flow only if it passes a constant. The arguments are in this body, which the driver has
        // bound; the summary needs the body of the method called, which it may not have bound yet: ask for it last.
        List<(IArgumentOperation Argument, ValueSource Source)>? constants = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not null && engine.Evaluate(argument.Value, context.CancellationToken) is { IsConstant: true } source)
            {
                (constants ??= new()).Add((argument, source));
            }
        }

        if (constants is null)
        {
            return;
        }

        foreach (var path in engine.ParametersReachingSinks(target, context.CancellationToken))
        {
            foreach (var (argument, source) in constants)
            {
                if (argument.Parameter!.Ordinal == path.ParameterOrdinal)
                {
                    Report(context, source, argument.Value, path.Sink);
                }
            }
        }
    }

    private void Report(OperationAnalysisContext context, ValueSource source, IOperation valueHere, IOperation sinkValue)
    {
        var origin = source.Origin!;
        var tree = context.Operation.Syntax.SyntaxTree;
        var originIsHere = origin.Syntax.SyntaxTree == tree;
        var anchor = originIsHere ? origin.Syntax : valueHere.Syntax;
        if (!reported.TryAdd((anchor.SyntaxTree, anchor.Span), true))
        {
            return;
        }

        var additional = ImmutableArray.CreateBuilder<Location>();
        if (sinkValue.Syntax != anchor)
        {
            additional.Add(sinkValue.Syntax.GetLocation());
        }

        if (!originIsHere)
        {
            additional.Add(origin.Syntax.GetLocation());
        }

        var diagnostic = reporter(source, sinkValue, anchor.GetLocation(), additional.ToImmutable(), originIsHere);
        if (diagnostic is not null)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>How a constant is shown in a message: a masked string, or the size of a byte array.</summary>
    public static string Describe(IOperation origin)
    {
        if (origin.ConstantValue is { HasValue: true, Value: string text })
        {
            return SecretMasker.Mask(text);
        }

        if (origin is IArrayCreationOperation { Initializer: { } initializer })
        {
            return $"constant array of {initializer.ElementValues.Length} elements";
        }

        if (origin is IInvocationOperation invocation && invocation.Arguments.Length > 0 &&
            invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string input })
        {
            return $"{invocation.TargetMethod.Name} of a constant, {SecretMasker.Mask(input)}";
        }

        return "a constant";
    }
}
