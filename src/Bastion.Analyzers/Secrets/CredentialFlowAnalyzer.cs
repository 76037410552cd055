using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1005: a constant reaches a credential of a library API — the password of <c>NetworkCredential</c>,
/// <c>SqlConnectionStringBuilder.Password</c>, <c>Rfc2898DeriveBytes</c>, <c>X509Certificate2</c>, a client secret,
/// <c>SecureString.AppendChar</c> — through locals, fields, methods and parameters, whatever they are called. Where the
/// constant is itself given a credential name, BST1001 reports it; this rule finds the flows names do not show.</summary>
public sealed class CredentialFlowAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(HardcodedCredentialAnalyzer.ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.CredentialFlow,
        title: "Hard-coded value reaches a credential API",
        messageFormat: "A hard-coded value ({0}) reaches '{1}' of {2}; read the credential from configuration or a secret store",
        RuleLevel.BuildWarning,
        description: "A constant flows, through variables, fields, methods or parameters of this compilation, into a " +
            "credential parameter or property of an API. The names on the way do not matter: the API makes it a credential.",
        cwes: new[] { 798, 259 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (!HardcodedCredentialAnalyzer.RunsIn(start.Compilation, start.Options, Rule.Id))
            {
                return;
            }

            var bst1001Runs = HardcodedCredentialAnalyzer.RunsIn(start.Compilation, start.Options);
            var sinks = new CredentialSinks(new LazyType(start.Compilation, "System.Security.SecureString"));
            new ConstantSinkAnalysis(start.Compilation, sinks, (source, sink, location, additional, place) =>
            {
                var origin = source.Origin!;
                var givenName = CredentialTargets.NameGivenTo(origin);
                if (bst1001Runs && givenName is not null && CredentialNames.Default.IsCredentialName(givenName))
                {
                    return null;
                }

                var sinkName = CredentialSinks.SinkName(sink);
                if (origin.ConstantValue is { HasValue: true, Value: string text } &&
                    CredentialValues.Default.ExclusionReason(text, sinkName) is not null)
                {
                    return null;
                }

                var properties = origin is ILiteralOperation { ConstantValue.Value: string }
                    ? ConstantSinkAnalysis.FixProperties(place, givenName is null || origin.Parent is IArgumentOperation && SecretNaming.IsVague(givenName) ? sinkName : givenName)
                    : ImmutableDictionary<string, string?>.Empty;

                return Diagnostic.Create(Rule, location, additional, properties, ConstantSinkAnalysis.Describe(origin), sinkName, CredentialSinks.Api(sink));
            }, deferCalls: TaintLimits.DefersCallGraphSearch(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions)).Register(start);
        });
    }

    private sealed class CredentialSinks : ISinkCatalog
    {
        private readonly LazyType secureString;

        public CredentialSinks(LazyType secureString) => this.secureString = secureString;

        public bool SinksInStrings => true;

        public void CollectSinkValues(IOperation operation, List<IOperation> values)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: false } property } } assignment
                    when !SymbolFacts.HasSourceDeclaration(property) && IsCredentialValueType(property.Type) && CredentialNames.Default.IsCredentialName(property.Name):
                    values.Add(assignment.Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "AppendChar", Arguments.Length: 1 } append when secureString.Value is { } type &&
                    SymbolEqualityComparer.Default.Equals(append.TargetMethod.ContainingType, type):
                    values.Add(append.Arguments[0].Value);
                    break;
                case IBinaryOperation or IInterpolatedStringOperation:
                    ConnectionStringPasswordSinks.Collect(operation, values);
                    break;
                case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } }:
                    ConnectionStringPasswordSinks.Collect(operation, values);
                    break;
                case IInvocationOperation or IObjectCreationOperation:
                    var (target, arguments) = ConstantFlowEngine.Call(operation);
                    if (target is null || SymbolFacts.HasSourceDeclaration(target))
                    {
                        break;
                    }

                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit &&
                            IsCredentialValueType(parameter.Type) && CredentialNames.Default.IsCredentialName(parameter.Name))
                        {
                            values.Add(argument.Value);
                        }
                    }

                    break;
            }
        }

        /// <summary>string, SecureString, char[] or byte[] (and their spans): what a credential can be passed as.</summary>
        private static bool IsCredentialValueType(ITypeSymbol type) => type switch
        {
            { SpecialType: SpecialType.System_String } => true,
            IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char or SpecialType.System_Byte } => true,
            INamedTypeSymbol { Name: "SecureString" } => true,
            INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span => span.TypeArguments[0].SpecialType is SpecialType.System_Char or SpecialType.System_Byte,
            _ => false,
        };

        public static string SinkName(IOperation sinkValue) => ConnectionStringPasswordSinks.KeyOf(sinkValue) ?? sinkValue.Parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => property.Property.Name,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "AppendChar" } } => "AppendChar",
            IArgumentOperation { Parameter: { } parameter } => parameter.Name,
            _ => "credential",
        };

        public static string Api(IOperation sinkValue) => ConnectionStringPasswordSinks.KeyOf(sinkValue) is not null ? "a connection string" : sinkValue.Parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => (property.Instance?.Type ?? property.Property.ContainingType).Name,
            IArgumentOperation { Parent: IObjectCreationOperation creation } => creation.Constructor?.ContainingType.Name ?? "a constructor",
            IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
            _ => "an API",
        };
    }
}
