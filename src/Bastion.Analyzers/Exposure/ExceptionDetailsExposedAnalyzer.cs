using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4002: an exception's details reach an HTTP response — <c>ToString()</c>, <c>StackTrace</c>,
/// <c>InnerException</c>, the exception object itself, or the <c>Message</c> of an exception not meant for users —
/// through MVC and minimal-API results, <c>ProblemDetails</c>, <c>ViewData</c>, <c>Response.WriteAsync</c> or System.Web's
/// <c>Response.Write</c>, directly or through variables, objects and calls; or is returned by an endpoint. Source-first:
/// a body is analysed only when it reads an exception's details, so the rule costs nothing where nothing is caught.</summary>
public sealed class ExceptionDetailsExposedAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ExposureTaint.ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.ExceptionDetailsExposed,
        title: "Exception details returned to the user",
        messageFormat: "{0} reaches {1}{2}; log it on the server and return a generic error",
        RuleLevel.BuildWarning,
        description: "Stack traces, inner exceptions and the messages of framework exceptions describe the server: file " +
            "paths, SQL, table and type names, library versions, sometimes data. Returned to the client they map the " +
            "application for an attacker. Log the exception and return a generic message (ProblemDetails without details).",
        cwes: new[] { 209 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var console = ResponseSinks.ConsoleIsUserFacing(start.Compilation);
            if (!ExposureTaint.RunsIn(start.Compilation, start.Options, Rule.Id) ||
                !console &&
                start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse") is null &&
                start.Compilation.GetTypeByMetadataName("System.Web.HttpResponse") is null &&
                start.Compilation.GetTypeByMetadataName("System.Web.HttpResponseBase") is null)
            {
                return;
            }

            var options = start.Options;
            var (sources, responses) = ExposureTaint.ResponseCatalogs(start.Compilation, options);
            start.RegisterOperationAction(context => AnalyzeSource(context, options, sources), OperationKind.PropertyReference, OperationKind.Invocation);
            start.RegisterOperationAction(context => AnalyzeSink(context, options, responses), OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
        });
    }

    /// <summary>An exception's details read here: analyse this body (once) and report where they reach a response.</summary>
    private static void AnalyzeSource(OperationAnalysisContext context, AnalyzerOptions options, ExceptionSources sources)
    {
        // Details shown only in development (env.IsDevelopment() ? ex.Message : "…", #if DEBUG) are the developer's.
        if (sources.Describe(context.Operation) is not { } description || DevelopmentGuard.IsGuarded(context.Operation.Syntax))
        {
            return;
        }

        var engine = ExposureTaint.ResponseEngine(context.Compilation, options);
        var reachedSink = false;
        foreach (var finding in engine.FindingsIn(context.Operation, context.ContainingSymbol, context.CancellationToken))
        {
            if (finding.Sink.RuleId != Rule.Id ||
                finding.Sink.Description == ResponseSinks.ConsoleSink && context.Operation is IPropertyReferenceOperation { Property.Name: "Message" })
            {
                // On the console only a stack trace is a finding: a command-line tool shows its user what went wrong.
                continue;
            }

            // Reported at the exception's details when they are written in the response's argument, else at the argument.
            var sourceSyntax = finding.Source.Syntax;
            var inside = sourceSyntax is not null && finding.ReportAt.SyntaxTree == sourceSyntax.SyntaxTree && finding.ReportAt.Span.Contains(sourceSyntax.Span);
            reachedSink |= sourceSyntax == context.Operation.Syntax;
            var via = finding.Via is null ? string.Empty : " through '" + finding.Via + "'";
            Report(context, options, inside ? sourceSyntax! : finding.ReportAt, finding.Source.Description, finding.Sink.Description, via, inside ? sourceSyntax : null, inside ? null : sourceSyntax);
        }

        // Returned by an endpoint as its body (a string or an object, not a result that was itself a sink above).
        if (!reachedSink && engine.ResultOfUnit(context.Operation, context.ContainingSymbol, context.CancellationToken) is { Summary.Return: { IsTainted: true } returned } &&
            returned.Source?.Syntax == context.Operation.Syntax && EndpointName(context.Operation, context.ContainingSymbol, ExposureTaint.Endpoints(context.Compilation, options), out var returnType) is { } endpoint && IsBody(returnType))
        {
            Report(context, options, context.Operation.Syntax, description, "the response of " + endpoint, string.Empty, context.Operation.Syntax, null);
        }
    }

    /// <summary>A return type whose value is the response body: not a result type (those are sinks of their own).</summary>
    private static bool IsBody(ITypeSymbol? type)
    {
        while (type is INamedTypeSymbol { Name: "Task" or "ValueTask" or "ActionResult", TypeArguments.Length: 1 } wrapper)
        {
            type = wrapper.TypeArguments[0];
        }

        if (type is null || type.SpecialType == SpecialType.System_Void || type.Name is "Task" or "ValueTask")
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.Name is "IActionResult" or "IResult" or "IConvertToActionResult")
            {
                return false;
            }
        }

        return type.Name is not ("IActionResult" or "IResult");
    }

    /// <summary>The exception object itself given to a response (serialised with its stack trace, or formatted into text).</summary>
    private static void AnalyzeSink(OperationAnalysisContext context, AnalyzerOptions options, ResponseSinks responses)
    {
        var sinks = new List<TaintSink>();
        responses.Collect(context.Operation, sinks);
        foreach (var sink in sinks)
        {
            if (ExceptionObjectIn(sink.Value, 0) is { } exception)
            {
                Report(context, options, exception.Syntax, "The exception object", sink.Description, string.Empty, exception.Syntax, null);
            }
        }
    }

    private static IOperation? ExceptionObjectIn(IOperation value, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (value)
        {
            case IConversionOperation conversion:
                return ExceptionObjectIn(conversion.Operand, depth + 1);
            case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation when ExceptionSources.IsException(value.Type):
                return value;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && ExceptionObjectIn(hole.Expression, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case IBinaryOperation binary:
                return ExceptionObjectIn(binary.LeftOperand, depth + 1) ?? ExceptionObjectIn(binary.RightOperand, depth + 1);
            case IAnonymousObjectCreationOperation anonymous:
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation assignment && ExceptionObjectIn(assignment.Value, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The name of the endpoint whose body this is: a controller action, or a minimal-API handler lambda.</summary>
    private static string? EndpointName(IOperation operation, ISymbol containingSymbol, TaintSources endpoints, out ITypeSymbol? returnType)
    {
        returnType = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                if (TaintSources.MinimalApiMap(lambda) is not { } map)
                {
                    return null;
                }

                returnType = lambda.Symbol.ReturnType;
                return "a " + map.Name + " handler";
            }

            if (current is ILocalFunctionOperation)
            {
                return null;
            }
        }

        if (containingSymbol is IMethodSymbol method && endpoints.IsControllerAction(method))
        {
            returnType = method.ReturnType;
            return "action '" + method.Name + "'";
        }

        return null;
    }

    private static void Report(OperationAnalysisContext context, AnalyzerOptions options, SyntaxNode at, string what, string sink, string via, SyntaxNode? replace, SyntaxNode? source)
    {
        var location = at.GetLocation();
        if (!ExposureTaint.FirstReport(context.Compilation, options, location, Rule.Id))
        {
            return;
        }

        var additional = source is null || source == at ? ImmutableArray<Location>.Empty : ImmutableArray.Create(source.GetLocation());
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, additional, ExposureTaint.ReplaceProperties(replace), Capitalize(what), sink, via));
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
