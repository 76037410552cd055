using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>BST3004: server certificate validation switched off — a validation callback that accepts any certificate
/// (<see cref="AcceptingCallbacks"/>) given to
/// <c>ServerCertificateCustomValidationCallback</c>, <c>RemoteCertificateValidationCallback</c>,
/// <c>ServicePointManager.ServerCertificateValidationCallback</c> or an <c>SslStream</c>;
/// <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>; <c>X509CertificateValidationMode.None</c>.</summary>
public sealed class CertificateValidationDisabledAnalyzer : BastionAnalyzer
{
    /// <summary>Set when the finding is an assignment the fix can remove (statement or initializer member).</summary>
    public const string RemovableProperty = "Removable";

    internal const string AllowInDevelopmentOption = "allow_in_development";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(AllowInDevelopmentOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.CertificateValidationDisabled,
        title: "Certificate validation disabled",
        messageFormat: "{0} accepts any server certificate; remove it so that the default validation applies",
        RuleLevel.BuildWarning,
        description: "TLS certificate validation is switched off, usually 'temporarily' for a development server. Any " +
            "machine in the network path can then impersonate the server and read or change the traffic.",
        cwes: new[] { 295 },
        securitySeverity: 7.4);

    private static readonly HashSet<string> CallbackProperties = StringSet.Of(
        "ServerCertificateCustomValidationCallback", "RemoteCertificateValidationCallback", "ServerCertificateValidationCallback");

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // Recognised by name and namespace, not by types looked up at compilation start: a lookup into System.Net.Http or
        // System.Net.Security loads those namespaces for every compilation, used or not.
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        context.RegisterOperationAction(AnalyzeFieldReference, OperationKind.FieldReference, OperationKind.PropertyReference);
        context.RegisterOperationAction(AnalyzeCall, OperationKind.ObjectCreation, OperationKind.Invocation);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } || !CallbackProperties.Contains(property.Name) ||
            AcceptingCallbacks.Find(assignment.Value, context.CancellationToken) is not { } callback)
        {
            return;
        }

        Report(context, assignment, property.ContainingType.Name + "." + property.Name, removable: assignment.Parent is IExpressionStatementOperation or IObjectOrCollectionInitializerOperation, callback);
    }

    /// <summary><c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c> and <c>X509CertificateValidationMode.None</c>.</summary>
    private static void AnalyzeFieldReference(OperationAnalysisContext context)
    {
        var (member, name) = context.Operation switch
        {
            IPropertyReferenceOperation { Property: { Name: "DangerousAcceptAnyServerCertificateValidator", ContainingType: { Name: "HttpClientHandler" } handler } p }
                when SymbolFacts.IsNamespace(handler.ContainingNamespace, "System.Net.Http") => ((ISymbol)p, "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator"),
            IFieldReferenceOperation { Field: { Name: "None", ContainingType.Name: "X509CertificateValidationMode" } f } => (f, "X509CertificateValidationMode.None"),
            _ => (null, null),
        };
        if (member is null)
        {
            return;
        }

        var assignment = context.Operation.Parent as IAssignmentOperation;
        var removable = assignment is not null && assignment.Value == context.Operation && assignment.Parent is IExpressionStatementOperation or IObjectOrCollectionInitializerOperation;
        Report(context, removable ? assignment! : context.Operation, name!, removable);
    }

    /// <summary>An accepting callback passed where a certificate validation callback is expected: an <c>SslStream</c>, or
    /// any method or constructor — yours or a library's — whose parameter is a <c>RemoteCertificateValidationCallback</c>
    /// or the handler's <c>Func&lt;HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool&gt;</c>: the
    /// delegate's type says what it is for, wherever the callee puts it.</summary>
    private static void AnalyzeCall(OperationAnalysisContext context)
    {
        var (method, arguments) = context.Operation switch
        {
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (method is null)
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter && IsValidationCallbackType(parameter.Type) &&
                AcceptingCallbacks.Find(argument.Value, context.CancellationToken) is { } callback)
            {
                var what = method.ContainingType is { Name: "SslStream" } sslStream && SymbolFacts.IsNamespace(sslStream.ContainingNamespace, "System.Net.Security")
                    ? "The SslStream validation callback"
                    : "The validation callback given to " + method.ContainingType.Name + (method.MethodKind == MethodKind.Constructor ? string.Empty : "." + method.Name) + " as '" + parameter.Name + "'";
                Report(context, argument, what, removable: false, callback);
            }
        }
    }

    /// <summary><c>System.Net.Security.RemoteCertificateValidationCallback</c>, or a <c>Func</c> of five whose fourth type is
    /// <c>SslPolicyErrors</c> and whose result is <c>bool</c>. Names first: this runs for every argument of every call.</summary>
    private static bool IsValidationCallbackType(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { Name: "RemoteCertificateValidationCallback", TypeKind: TypeKind.Delegate } callback =>
            SymbolFacts.IsNamespace(callback.ContainingNamespace, "System.Net.Security"),
        INamedTypeSymbol { Name: "Func", TypeArguments.Length: 5 } func =>
            func.TypeArguments[3] is { Name: "SslPolicyErrors" } errors && SymbolFacts.IsNamespace(errors.ContainingNamespace, "System.Net.Security") &&
            func.TypeArguments[4].SpecialType == SpecialType.System_Boolean,
        _ => false,
    };

    /// <summary>Reported at the assignment or argument; a callback written elsewhere is the additional location.</summary>
    private static void Report(OperationAnalysisContext context, IOperation at, string what, bool removable, IOperation? callback = null)
    {
        var options = new RuleOptions(context.Options.AnalyzerConfigOptionsProvider.GetOptions(at.Syntax.SyntaxTree), Rule.Id);
        if (options.GetBool(AllowInDevelopmentOption, true) && DevelopmentGuard.IsGuarded(at.Syntax))
        {
            return;
        }

        var properties = removable ? ImmutableDictionary<string, string?>.Empty.Add(RemovableProperty, "true") : ImmutableDictionary<string, string?>.Empty;
        var additional = callback is not null && !at.Syntax.Span.Contains(callback.Syntax.Span) ? new[] { callback.Syntax.GetLocation() } : null;
        context.ReportDiagnostic(Diagnostic.Create(Rule, at.Syntax.GetLocation(), additional, properties, what));
    }
}
