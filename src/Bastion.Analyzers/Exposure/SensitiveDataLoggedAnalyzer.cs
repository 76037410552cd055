using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4001: a credential is written to a log — by name (a <c>password</c>, <c>user.ApiKey</c>, an anonymous
/// object's <c>Token</c>, <c>Request.Form["password"]</c>), as an object a log writes member by member (destructured
/// <c>{@User}</c>, or a record) that has such a member, or by dataflow from a connection string, a
/// <c>NetworkCredential</c> password or the <c>Authorization</c> header — through Microsoft.Extensions.Logging (including
/// <c>LoggerMessage</c> delegates and <c>[LoggerMessage]</c> methods), Serilog, NLog, <c>Trace</c>/<c>Debug</c>,
/// <c>Console</c> and <c>EventLog</c>; as a structured-logging argument, in an interpolated message, or formatted in.</summary>
public sealed class SensitiveDataLoggedAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ExposureTaint.ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SensitiveDataLogged,
        title: "Sensitive data written to a log",
        messageFormat: "{0} is written to the log by {1}{2}; log a mask or leave it out",
        RuleLevel.BuildWarning,
        description: "Logs are copied, shipped to aggregators, kept for months and read by many more people than the " +
            "secrets in them were meant for. A password, token, API key, connection string or Authorization header in a " +
            "log is a leaked credential. Log that the value was present, or a masked form, never the value.",
        cwes: new[] { 532 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (!ExposureTaint.RunsIn(start.Compilation, start.Options, Rule.Id))
            {
                return;
            }

            var options = start.Options;
            start.RegisterOperationAction(context => Analyze(context, options), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AnalyzerOptions options)
    {
        var invocation = (IInvocationOperation)context.Operation;
        // Most invocations are not logs: decide that before allocating anything.
        if (!LoggingApis.IsLoggingCall(invocation, null))
        {
            return;
        }

        var values = new List<LoggedValue>();
        LoggingApis.IsLoggingCall(invocation, values);

        var compilation = context.Compilation;
        var named = false;
        foreach (var logged in values)
        {
            // By name: the credential is right there in the logged expression.
            if (SensitiveValues.Find(logged.Value) is { } part)
            {
                named = true;
                Report(context, compilation, options, part.Expression.Syntax, part.Description, logged.Framework, string.Empty);
                continue;
            }

            // An object a log writes member by member.
            var objectType = logged.Value is IConversionOperation conversion ? conversion.Operand.Type : logged.Value.Type;
            if (objectType is INamedTypeSymbol namedType)
            {
                var destructured = logged.Template is { } template && logged.TemplateArgument >= 0 && SensitiveValues.IsDestructured(template, logged.TemplateArgument);
                if ((destructured || namedType.IsRecord) && SensitiveValues.CredentialMember(namedType) is { } member)
                {
                    named = true;
                    var how = destructured ? " (destructured, with its '" + member + "')" : " (a record, whose text lists its '" + member + "')";
                    // Named by type, never by the expression's text, which may hold a literal.
                    Report(context, compilation, options, logged.Value.Syntax, "A " + namedType.Name, logged.Framework, how, replaceable: false);
                }
            }
        }

        if (named)
        {
            return;
        }

        // By dataflow: a connection string, a NetworkCredential password, the Authorization header.
        var engine = ExposureTaint.LogEngine(compilation, options);
        if (!engine.MayReachSink(invocation, context.CancellationToken))
        {
            return;
        }

        foreach (var finding in engine.FindingsAt(invocation, context.ContainingSymbol, context.CancellationToken))
        {
            var via = finding.Via is null ? string.Empty : " through '" + finding.Via + "'";
            Report(context, compilation, options, finding.ReportAt, finding.Source.Description, finding.Sink.Description, via, source: finding.Source.Syntax);
        }
    }

    private static void Report(OperationAnalysisContext context, Compilation compilation, AnalyzerOptions options, SyntaxNode at, string what, string api, string how, bool replaceable = true, SyntaxNode? source = null)
    {
        var location = at.GetLocation();
        if (!ExposureTaint.FirstReport(compilation, options, location, Rule.Id))
        {
            return;
        }

        var additional = source is null || source == at ? ImmutableArray<Location>.Empty : ImmutableArray.Create(source.GetLocation());
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, additional, ExposureTaint.ReplaceProperties(replaceable ? at : null), what, api, how));
    }
}
