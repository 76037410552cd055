using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>BST3005: a debugging feature switched on outside an <c>IsDevelopment()</c> or <c>#if DEBUG</c> guard:
/// the developer exception page, database error page and migrations endpoint, sensitive-data and detailed-error
/// logging (EF Core, IdentityModel <c>ShowPII</c>, Blazor <c>DetailedErrors</c>, JWT <c>IncludeErrorDetails</c>), and
/// <c>Debugger.Launch</c>/<c>Break</c>.</summary>
public sealed class DebugFeatureEnabledAnalyzer : BastionAnalyzer
{
    /// <summary>Set on findings that are a whole expression statement, which the fix can wrap in a guard.</summary>
    public const string WrappableProperty = "Wrappable";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray<string>.Empty;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.DebugFeatureEnabled,
        title: "Debug feature enabled in production",
        messageFormat: "{0} is on {1}; it exposes internals in production",
        RuleLevel.BuildWarning,
        description: "A feature meant for debugging shows stack traces, source, SQL, personal data or tokens to whoever " +
            "triggers an error, or stops the process for a debugger. Guard it so that it only runs in development.",
        cwes: new[] { 489, 215 },
        securitySeverity: 5.3);

    /// <summary>Methods by name and the type that declares them (matched without building strings).</summary>
    private static readonly ImmutableDictionary<string, string> Methods = ImmutableDictionary.CreateRange(new[]
    {
        new System.Collections.Generic.KeyValuePair<string, string>("UseDeveloperExceptionPage", "DeveloperExceptionPageExtensions"),
        new System.Collections.Generic.KeyValuePair<string, string>("UseDatabaseErrorPage", "DatabaseErrorPageExtensions"),
        new System.Collections.Generic.KeyValuePair<string, string>("UseMigrationsEndPoint", "MigrationsEndPointExtensions"),
        new System.Collections.Generic.KeyValuePair<string, string>("EnableSensitiveDataLogging", "DbContextOptionsBuilder"),
        new System.Collections.Generic.KeyValuePair<string, string>("EnableDetailedErrors", "DbContextOptionsBuilder"),
        new System.Collections.Generic.KeyValuePair<string, string>("Launch", "Debugger"),
        new System.Collections.Generic.KeyValuePair<string, string>("Break", "Debugger"),
    });

    /// <summary>Boolean switches that expose details when set to <c>true</c>.</summary>
    private static readonly HashSet<string> Switches = StringSet.Of("ShowPII", "DetailedErrors", "IncludeErrorDetails", "LogCompleteSecurityArtifact");

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterAdditionalFileAction(AnalyzeConfigurationFile);
    }

    /// <summary><c>&lt;compilation debug="true"&gt;</c> and <c>&lt;customErrors mode="Off"&gt;</c> in a .config file.</summary>
    private static void AnalyzeConfigurationFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (!file.Path.EndsWith(".config", System.StringComparison.OrdinalIgnoreCase) || file.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var attributes = new System.Collections.Generic.List<Shared.ConfigurationFiles.XmlAttributeValue>();
        Shared.ConfigurationFiles.XmlScanner.Scan(text.ToString(), attributes);
        foreach (var attribute in attributes)
        {
            var what = (attribute.Element, attribute.Name, attribute.Value.Trim()) switch
            {
                ("compilation", "debug", var v) when string.Equals(v, "true", System.StringComparison.OrdinalIgnoreCase) => "<compilation debug=\"true\">",
                ("customErrors", "mode", var v) when string.Equals(v, "Off", System.StringComparison.OrdinalIgnoreCase) => "<customErrors mode=\"Off\">",
                _ => null,
            };
            if (what is null)
            {
                continue;
            }

            var span = new Microsoft.CodeAnalysis.Text.TextSpan(attribute.Start, attribute.Length);
            context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span)), what + " in " + System.IO.Path.GetFileName(file.Path), "outside an IsDevelopment() or #if DEBUG guard"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!Methods.TryGetValue(method.Name, out var declaringType) || method.ContainingType?.Name != declaringType)
        {
            return;
        }

        // EnableSensitiveDataLogging(false) switches it off.
        if (invocation.Arguments.Length > 0 && invocation.Arguments[invocation.Arguments.Length - 1] is { ArgumentKind: ArgumentKind.Explicit } last &&
            last.Value.ConstantValue is { HasValue: true, Value: false })
        {
            return;
        }

        Report(context, invocation, method.ContainingType.Name == "Debugger" ? "Debugger." + method.Name + "()" : method.Name + "()");
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { } property } && Switches.Contains(property.Name) &&
            assignment.Value.ConstantValue is { HasValue: true, Value: true })
        {
            Report(context, assignment, property.ContainingType.Name + "." + property.Name + " = true");
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string what)
    {
        if (DevelopmentGuard.IsGuarded(operation.Syntax))
        {
            return;
        }

        var where = DevelopmentGuard.IsWidened(operation.Syntax)
            ? "behind a guard that also admits environments other than Development"
            : "outside an IsDevelopment() or #if DEBUG guard";

        var properties = operation.Parent is IExpressionStatementOperation
            ? ImmutableDictionary<string, string?>.Empty.Add(WrappableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), properties, what, where));
    }
}
