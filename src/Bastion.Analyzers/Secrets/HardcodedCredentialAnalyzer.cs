using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1001: a constant string given to something whose name says it holds a credential — a variable,
/// field, property, parameter (default or argument), return value, initializer member, dictionary entry or
/// equality check.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialAnalyzer : DiagnosticAnalyzer
{
    public const string TargetNameProperty = "TargetName";

    internal const string AdditionalWordsOption = "additional_credential_words";
    internal const string ExcludedWordsOption = "excluded_credential_words";
    internal const string PlaceholderPatternsOption = "placeholder_patterns";
    internal const string MinimumLengthOption = "minimum_length";
    internal const string ReportInTestProjectsOption = "report_in_test_projects";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(
        AdditionalWordsOption, ExcludedWordsOption, PlaceholderPatternsOption, MinimumLengthOption, ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.HardcodedCredential,
        title: "Hard-coded credential",
        messageFormat: "'{0}' is given a hard-coded credential ({1}); read it from configuration or a secret store",
        RuleLevel.BuildWarning,
        description: "A password, token, API key or other credential is written in the source code. Anyone with the " +
            "code or the compiled assembly has it, and it cannot be rotated without a release.",
        cwes: new[] { 798, 259 });

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var globalOptions = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var classification = ProjectClassifier.Classify(start.Compilation, globalOptions);
            if (classification.IsTest && !new RuleOptions(globalOptions, Rule.Id).GetBool(ReportInTestProjectsOption, false))
            {
                return;
            }

            var analysis = new Analysis(start.Options);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(analysis.AnalyzeDeclarator, OperationKind.VariableDeclarator);
            start.RegisterOperationAction(analysis.AnalyzeFieldInitializer, OperationKind.FieldInitializer);
            start.RegisterOperationAction(analysis.AnalyzePropertyInitializer, OperationKind.PropertyInitializer);
            start.RegisterOperationAction(analysis.AnalyzeParameterInitializer, OperationKind.ParameterInitializer);
            start.RegisterOperationAction(analysis.AnalyzeArgument, OperationKind.Argument);
            start.RegisterOperationAction(analysis.AnalyzeReturn, OperationKind.Return);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeEquality, OperationKind.Binary);
        });
    }

    private sealed class Settings
    {
        public Settings(RuleOptions options)
        {
            Names = new CredentialNames(options.GetList(AdditionalWordsOption), options.GetList(ExcludedWordsOption));
            Values = new CredentialValues(Names, options.GetInt(MinimumLengthOption, 4, 1, 64), options.GetList(PlaceholderPatternsOption));
        }

        public CredentialNames Names { get; }

        public CredentialValues Values { get; }
    }

    private sealed class Analysis
    {
        private readonly AnalyzerOptions options;
        private readonly ConcurrentDictionary<SyntaxTree, Settings> settingsByTree = new();

        public Analysis(AnalyzerOptions options) => this.options = options;

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (TryGetTargetName(assignment.Target, out var name))
            {
                Check(context, name, assignment.Value);
            }
        }

        public void AnalyzeDeclarator(OperationAnalysisContext context)
        {
            var declarator = (IVariableDeclaratorOperation)context.Operation;
            var initializer = declarator.GetVariableInitializer();
            if (initializer is not null)
            {
                Check(context, declarator.Symbol.Name, initializer.Value);
            }
        }

        public void AnalyzeFieldInitializer(OperationAnalysisContext context)
        {
            var initializer = (IFieldInitializerOperation)context.Operation;
            foreach (var field in initializer.InitializedFields)
            {
                Check(context, field.Name, initializer.Value);
            }
        }

        public void AnalyzePropertyInitializer(OperationAnalysisContext context)
        {
            var initializer = (IPropertyInitializerOperation)context.Operation;
            foreach (var property in initializer.InitializedProperties)
            {
                Check(context, property.Name, initializer.Value);
            }
        }

        public void AnalyzeParameterInitializer(OperationAnalysisContext context)
        {
            var initializer = (IParameterInitializerOperation)context.Operation;
            Check(context, initializer.Parameter.Name, initializer.Value);
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                Check(context, parameter.Name, argument.Value);
            }
        }

        public void AnalyzeReturn(OperationAnalysisContext context)
        {
            var returned = ((IReturnOperation)context.Operation).ReturnedValue;
            if (returned is not null && context.Operation.Kind == OperationKind.Return && TryGetFunctionName(context, out var name))
            {
                Check(context, name, returned);
            }
        }

        /// <summary><c>Add("password", "…")</c>, <c>headers.Add("X-Api-Key", "…")</c>,
        /// <c>SetEnvironmentVariable("DB_PASSWORD", "…")</c>: a key–value call whose key names a credential.</summary>
        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Arguments.Length < 2)
            {
                return;
            }

            var key = invocation.Arguments[0];
            if (key.Parameter is null || !IsKeyParameterName(key.Parameter.Name) ||
                key.Value.ConstantValue is not { HasValue: true, Value: string keyName })
            {
                return;
            }

            Check(context, keyName, invocation.Arguments[1].Value);
        }

        /// <summary><c>password == "…"</c>: a comparison against a hard-coded credential is a backdoor.</summary>
        public void AnalyzeEquality(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return;
            }

            if (TryGetTargetName(Unwrap(binary.LeftOperand), out var name))
            {
                Check(context, name, binary.RightOperand);
            }
            else if (TryGetTargetName(Unwrap(binary.RightOperand), out name))
            {
                Check(context, name, binary.LeftOperand);
            }
        }

        private void Check(OperationAnalysisContext context, string targetName, IOperation value)
        {
            value = Unwrap(value);
            if (value.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0)
            {
                return;
            }

            var settings = GetSettings(value.Syntax.SyntaxTree);
            if (!settings.Names.IsCredentialName(targetName) || IsReportedAtDeclaration(value, settings.Names))
            {
                return;
            }

            // A value of a known vendor format is reported by BST1003, with its format named: one finding per literal.
            if (settings.Values.ExclusionReason(text, targetName) is not null || TokenScanner.Default.ContainsToken(text))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(TargetNameProperty, targetName);
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), properties, targetName, SecretMasker.Mask(text)));
        }

        private Settings GetSettings(SyntaxTree tree) =>
            settingsByTree.GetOrAdd(tree, t => new Settings(new RuleOptions(options.AnalyzerConfigOptionsProvider.GetOptions(t), Rule.Id)));

        /// <summary>A reference to a credential-named constant declared in this compilation is reported where the
        /// constant is declared, once, not at every use.</summary>
        private static bool IsReportedAtDeclaration(IOperation value, CredentialNames names) => value switch
        {
            IFieldReferenceOperation { Field: { IsConst: true } field } => !field.DeclaringSyntaxReferences.IsEmpty && names.IsCredentialName(field.Name),
            ILocalReferenceOperation { Local: { IsConst: true } local } => names.IsCredentialName(local.Name),
            _ => false,
        };

        private static bool TryGetFunctionName(OperationAnalysisContext context, out string name)
        {
            for (var parent = context.Operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation)
                {
                    name = string.Empty;
                    return false;
                }

                if (parent is ILocalFunctionOperation localFunction)
                {
                    name = localFunction.Symbol.Name;
                    return true;
                }
            }

            if (context.ContainingSymbol is IMethodSymbol method)
            {
                name = method.AssociatedSymbol is IPropertySymbol property ? property.Name : method.Name;
                return method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.ExplicitInterfaceImplementation;
            }

            name = string.Empty;
            return false;
        }
    }

    private static bool IsKeyParameterName(string name) =>
        name is "key" or "name" or "variable" or "keyName" or "headerName" or "settingName";

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The name a value is stored under: a symbol's name, or the constant key of an indexer
    /// (<c>settings["Db:Password"]</c>).</summary>
    private static bool TryGetTargetName(IOperation target, out string name)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                name = local.Local.Name;
                return true;
            case IFieldReferenceOperation field:
                name = field.Field.Name;
                return true;
            case IParameterReferenceOperation parameter:
                name = parameter.Parameter.Name;
                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                name = key;
                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                name = property.Property.Name;
                return true;
            default:
                name = string.Empty;
                return false;
        }
    }
}
