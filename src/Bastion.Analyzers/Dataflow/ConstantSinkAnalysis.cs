using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Drives a <see cref="ConstantFlowEngine"/> for one rule in one compilation. Sink-first: every sink is
/// checked where it is (a constant that reaches it within the method), and every call of a method of this compilation
/// whose parameters reach a sink is checked at the call (a constant passed in). A finding is placed where the flaw is: on
/// the value the sink uses, or, for a method that sinks its parameter, on the argument that hands the constant over.
/// The constant's origin (the literal or array) is the first additional location when it is elsewhere, then the sink
/// inside the method called. A constant used by several sinks gives one finding per sink.</summary>
internal sealed class ConstantSinkAnalysis
{
    /// <summary>Diagnostic properties a fix reads: the name the constant is given to, and whether the value is at the
    /// first additional location (another place in this file) rather than at the diagnostic.</summary>
    internal const string TargetNameProperty = "TargetName";
    internal const string ValueAtFirstAdditionalLocationProperty = "ValueAtFirstAdditionalLocation";

    private readonly ConstantFlowEngine engine;
    private readonly ISinkCatalog sinks;
    private readonly ConstantFlowReporter reporter;
    private readonly ConcurrentDictionary<(SyntaxTree, TextSpan, string), bool> reported = new();
    private readonly DeferredConstantCalls? deferred;
    private List<IOperation>? spareValues;

    /// <param name="deferCalls">A command-line build (<see cref="TaintLimits.DefersCallGraphSearch"/>): a call that passes
    /// a constant to a method of this compilation is decided at compilation end, from what the driver's walk of every body
    /// recorded (<see cref="DeferredConstantCalls"/>), instead of binding the callee's body at the call.</param>
    public ConstantSinkAnalysis(Compilation compilation, ISinkCatalog sinks, ConstantFlowReporter reporter, bool deferCalls = false)
    {
        engine = new ConstantFlowEngine(compilation, sinks);
        this.sinks = sinks;
        this.reporter = reporter;
        deferred = deferCalls ? new DeferredConstantCalls(compilation) : null;
    }

    public void Register(CompilationStartAnalysisContext context)
    {
        context.RegisterOperationAction(Analyze, OperationKind.SimpleAssignment, OperationKind.Invocation, OperationKind.ObjectCreation);
        if (sinks.SinksInStrings)
        {
            context.RegisterOperationAction(Analyze, OperationKind.Binary, OperationKind.InterpolatedString);
        }
        if (deferred is not null)
        {
            context.RegisterCompilationEndAction(ReportDeferred);
        }
    }

    /// <summary>A number, <c>bool</c>, enum or date: no transformer turns one into a credential's text or bytes, so a
    /// parameter of such a type never carries a hard-coded credential to a sink (a single <c>byte</c> may fill a key).</summary>
    private static bool CarriesNoText(ITypeSymbol type) =>
        TaintEngine.IsTextFreeType(type) && type.SpecialType is not (SpecialType.System_Byte or SpecialType.System_SByte);

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
                    Report(context.ReportDiagnostic, source, value, value);
                }
                else if (source.IsParameter)
                {
                    deferred?.AddSink(source.Parameter!, source.Path, context.Operation, value);
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
        if (deferred is not null)
        {
            // Only what this body says is recorded: the parameters it passes on as they are, and the other arguments,
            // to be evaluated at compilation end if the parameter they are passed to reaches a sink. One rule records
            // them for all.
            if (!deferred.RecordsCalls)
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter is not { } parameter || CarriesNoText(parameter.Type))
                {
                    continue;
                }

                var operand = TaintValidation.Unwrap(argument.Value);
                if (operand is IParameterReferenceOperation passed)
                {
                    deferred.AddPassedOn(target, parameter.Ordinal, passed.Parameter, context.Operation);
                }
                else if (operand.ConstantValue is not { HasValue: true, Value: null })
                {
                    deferred.AddArgument(target, parameter.Ordinal, argument.Value, context.Operation);
                }
            }

            return;
        }

        // A call completes a flow only if it passes a constant, or an object or container the code filled: most calls
        // pass neither, and then the method called is never looked at.
        List<(IArgumentOperation Argument, ValueSource Source)>? candidates = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is null)
            {
                continue;
            }

            var source = engine.Evaluate(argument.Value, context.CancellationToken);
            if (source.IsConstant || MayHoldConstants(argument.Value))
            {
                (candidates ??= new()).Add((argument, source));
            }
        }

        if (candidates is null)
        {
            return;
        }

        foreach (var path in engine.ParametersReachingSinksThrough(target, context.CancellationToken))
        {
            foreach (var (argument, value) in candidates)
            {
                if (argument.Parameter!.Ordinal != path.ParameterOrdinal)
                {
                    continue;
                }

                var source = path.Path is null ? value : engine.EvaluateAt(argument.Value, path.Path, context.CancellationToken);
                if (source.IsConstant)
                {
                    Report(context.ReportDiagnostic, source, argument.Value, path.Sink);
                }
            }
        }
    }

    /// <summary>A local or new object of a type the code defines (a holder, a struct): its members may have been
    /// written with constants, which a parameter's member path reads.</summary>
    internal static bool MayHoldConstants(IOperation argument)
    {
        var operand = TaintValidation.Unwrap(argument);
        return operand is ILocalReferenceOperation or IObjectCreationOperation &&
            operand.Type is { TypeKind: TypeKind.Class or TypeKind.Struct } type && SymbolFacts.HasSourceDeclaration(type);
    }

    /// <summary>Compilation end of a command-line build: every call that passes a constant to a parameter that reaches a
    /// sink, with the sink the editor's summary would name. The argument and the sink are found again from their syntax
    /// (only these few: the records keep no operation, which would keep every bound body of the build alive).</summary>
    private void ReportDeferred(CompilationAnalysisContext context)
    {
        var cancellationToken = context.CancellationToken;
        foreach (var (value, source, sink) in deferred!.ConstantsReachingSinks(context.Compilation, (v, path) => engine.EvaluateAt(v, path, cancellationToken), cancellationToken))
        {
            if (sink.Find(context.Compilation, cancellationToken) is { } sinkValue)
            {
                Report(context.ReportDiagnostic, source, value, sinkValue);
            }
        }
    }

    private void Report(System.Action<Diagnostic> reportDiagnostic, ValueSource source, IOperation valueHere, IOperation sinkValue)
    {
        var origin = source.Origin!.Syntax;
        var anchor = valueHere.Syntax;
        var place = origin == anchor ? ConstantOrigin.AtFinding : origin.SyntaxTree == anchor.SyntaxTree ? ConstantOrigin.InFile : ConstantOrigin.Elsewhere;
        var additional = ImmutableArray.CreateBuilder<Location>();
        if (place != ConstantOrigin.AtFinding)
        {
            additional.Add(origin.GetLocation());
        }

        if (sinkValue.Syntax != anchor)
        {
            additional.Add(sinkValue.Syntax.GetLocation());
        }

        var diagnostic = reporter(source, sinkValue, anchor.GetLocation(), additional.ToImmutable(), place);
        if (diagnostic is not null && reported.TryAdd((anchor.SyntaxTree, anchor.Span, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), true))
        {
            reportDiagnostic(diagnostic);
        }
    }

    /// <summary>What a fix that replaces the constant needs: the name to read it under, and, when the constant is not at
    /// the finding, that it is at the first additional location. Empty when the constant is in another file.</summary>
    public static ImmutableDictionary<string, string?> FixProperties(ConstantOrigin place, string targetName)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (place == ConstantOrigin.Elsewhere)
        {
            return properties;
        }

        properties = properties.Add(TargetNameProperty, targetName);
        return place == ConstantOrigin.InFile ? properties.Add(ValueAtFirstAdditionalLocationProperty, "true") : properties;
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
