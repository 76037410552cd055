using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>BST3003: a test hook or debug switch in a security decision. In authentication and authorization
/// handlers, password hashers, token validators, authorization filters and methods named for a verdict
/// (<c>IsAuthorized</c>, <c>ValidateCredentials</c>, <c>CheckPassword</c>…), an <c>if</c> on an environment variable,
/// a configuration flag, <c>Debugger.IsAttached</c>, <c>IsDevelopment()</c> or a skip/bypass/test flag that leads to
/// success, or a success inside <c>#if DEBUG</c>; and fake, stub or allow-all implementations of security interfaces
/// (or test authentication schemes) registered in dependency injection. Production projects only.</summary>
[NoCodeFix("Removing the bypass changes behaviour that tests or local setups may rely on; the doc page shows how to move it into the test project.")]
public sealed class SecurityBackdoorAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray<string>.Empty;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecurityBackdoor,
        title: "Test hook or backdoor in a security decision",
        messageFormat: "{0}",
        RuleLevel.BuildWarning,
        description: "A security decision succeeds because of a test or debug switch, or a fake implementation of a " +
            "security interface is registered. Whoever can set the switch (an environment variable, a configuration " +
            "value, a debug build) gets in without credentials.",
        cwes: new[] { 489, 288 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ProjectClassifier.Classify(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).IsTest)
            {
                return;
            }

            // The decision is a property of the member whose body the operation is in: answered once per member, and only a
            // decision's operations are looked at. Whether a type is a security component, once per type: every member of
            // the type asks. Plain operation actions, not an operation-block-start action: an analyzer with one makes the
            // driver set up actions for every body, which in the rules' shared host costs every rule's operations.
            var securityTypes = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            Func<INamedTypeSymbol, bool> isSecurityType = type =>
                securityTypes.TryGetValue(type, out var known) ? known : securityTypes.GetOrAdd(type, BackdoorVocabulary.IsSecurityType(type));
            var decisions = new DecisionCache(symbol => IsSecurityDecision(symbol, isSecurityType));
            start.RegisterOperationAction(
                context =>
                {
                    if (decisions.IsDecision(context.ContainingSymbol))
                    {
                        AnalyzeConditional(context);
                    }
                },
                OperationKind.Conditional);
            // A success, or a verdict returned as an 'or' chain, is rare: its shape is asked before the member.
            start.RegisterOperationAction(
                context =>
                {
                    var operation = context.Operation;
                    if (IsSuccess(operation))
                    {
                        if (decisions.IsDecision(context.ContainingSymbol))
                        {
                            AnalyzeDebugSuccess(context);
                        }
                    }
                    else if (operation.Kind == OperationKind.Return && ReturnedOrChain((IReturnOperation)operation) is { } chain &&
                        decisions.IsDecision(context.ContainingSymbol))
                    {
                        AnalyzeReturnedSwitch(context, chain);
                    }
                },
                OperationKind.Return, OperationKind.Invocation, OperationKind.FieldReference);
            start.RegisterOperationAction(AnalyzeRegistration, OperationKind.Invocation);
        });
    }

    /// <summary>Whether each member is a security decision, memoised; the driver hands a body's operations one after
    /// another, so the last member asked about is kept apart and answered without a lookup.</summary>
    private sealed class DecisionCache
    {
        private readonly ConcurrentDictionary<ISymbol, bool> decisions = new(SymbolEqualityComparer.Default);
        private readonly Func<ISymbol, bool> decide;

        private readonly LastPerThread<ISymbol, bool> last = new();

        public DecisionCache(Func<ISymbol, bool> decide) => this.decide = decide;

        public bool IsDecision(ISymbol symbol)
        {
            if (last.TryGet(symbol, out var answer))
            {
                return answer;
            }

            var result = decisions.TryGetValue(symbol, out var known) ? known : decisions.GetOrAdd(symbol, decide);
            last.Set(symbol, result);
            return result;
        }
    }

    /// <summary><c>if (switch) return true;</c>, <c>if (switch) return AuthenticateResult.Success(…);</c>, and as an
    /// expression whose value is the verdict, <c>return switch ? true : …;</c>.</summary>
    private static void AnalyzeConditional(OperationAnalysisContext context)
    {
        var conditional = (IConditionalOperation)context.Operation;
        if (DescribeSwitch(conditional.Condition) is not { } switchDescription ||
            !(ContainsSuccess(conditional.WhenTrue) || IsTrue(conditional.WhenTrue) && IsReturned(conditional)))
        {
            return;
        }

        ReportSwitch(context, conditional.Condition, switchDescription);
    }

    /// <summary><c>return switch || …;</c> (or <c>|</c>): the verdict is true whenever the switch is, whatever the rest
    /// says. Reported on the first such operand of the chain.</summary>
    private static void AnalyzeReturnedSwitch(OperationAnalysisContext context, IBinaryOperation chain)
    {
        // Operands left to right; nested || and | are the same chain. Bounded by the expression's own size.
        var operands = new Stack<IOperation>();
        operands.Push(chain.RightOperand);
        operands.Push(chain.LeftOperand);
        while (operands.Count > 0)
        {
            var operand = operands.Pop();
            if (operand is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } inner)
            {
                operands.Push(inner.RightOperand);
                operands.Push(inner.LeftOperand);
            }
            else if (operand is not (IConditionalOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }) &&
                DescribeSwitch(operand) is { } switchDescription)
            {
                // A conditional operand reports itself (AnalyzeConditional) when its true branch succeeds. A negated switch
                // (!skip || …) makes the verdict true when the switch is off: not a test hook, and the message would be wrong.
                ReportSwitch(context, operand, switchDescription);
                return;
            }
        }
    }

    /// <summary>The <c>bool</c> 'or' chain a return returns (through conversions), if that is what it returns.</summary>
    private static IBinaryOperation? ReturnedOrChain(IReturnOperation returned)
    {
        var value = returned.ReturnedValue;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or, Type.SpecialType: SpecialType.System_Boolean } chain ? chain : null;
    }

    private static void ReportSwitch(OperationAnalysisContext context, IOperation condition, string switchDescription) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, condition.Syntax.GetLocation(),
            $"'{DecisionName(context.ContainingSymbol)}' succeeds when {switchDescription}: a test or debug switch in a security decision"));

    /// <summary>A success (<see cref="IsSuccess"/>) inside <c>#if DEBUG</c>.</summary>
    private static void AnalyzeDebugSuccess(OperationAnalysisContext context)
    {
        if (DevelopmentGuard.IsInDebugRegion(context.Operation.Syntax))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                $"'{DecisionName(context.ContainingSymbol)}' succeeds inside #if DEBUG: a debug build skips the security decision"));
        }
    }

    /// <summary>The name a reader knows the decision by: a getter's property, not <c>get_IsAdmin</c>.</summary>
    private static string DecisionName(ISymbol symbol) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } ? property.Name : symbol.Name;

    private static bool IsTrue(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: true };

    /// <summary>Whether <paramref name="operation"/>'s value is what its method returns (through conversions).</summary>
    private static bool IsReturned(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IReturnOperation;
    }

    /// <summary><c>services.AddSingleton&lt;IAuthorizationHandler, AllowAllHandler&gt;()</c>,
    /// <c>AddScheme&lt;TOptions, TestAuthHandler&gt;("Test", …)</c>.</summary>
    private static void AnalyzeRegistration(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!(method.Name.StartsWith("Add", StringComparison.Ordinal) || method.Name.StartsWith("TryAdd", StringComparison.Ordinal)) || method.TypeArguments.IsEmpty)
        {
            return;
        }

        foreach (var typeArgument in method.TypeArguments)
        {
            if (typeArgument is INamedTypeSymbol { TypeKind: TypeKind.Class } type && BackdoorVocabulary.IsSecurityType(type) && BackdoorVocabulary.HasFakeName(type.Name))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(),
                    $"'{type.Name}' stands in for a security component and is registered in production code"));
                return;
            }
        }

        if (method.Name == "AddScheme" && invocation.Arguments.Length > 0 &&
            invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string scheme } && BackdoorVocabulary.HasFakeName(scheme))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(),
                $"Authentication scheme '{scheme}' looks like a test scheme and is registered in production code"));
        }
    }

    /// <summary>A member of a security component (not private, ordinary), or a method or property getter named and typed
    /// like a verdict (<c>bool IsAuthorized()</c>, <c>Task&lt;bool&gt; ValidateTokenAsync()</c>, <c>bool IsAdmin { get;
    /// }</c> with a body). Asked for every body: the cheap questions first.</summary>
    private static bool IsSecurityDecision(ISymbol symbol, Func<INamedTypeSymbol, bool> isSecurityType)
    {
        if (symbol is not IMethodSymbol method)
        {
            return false;
        }

        if (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility != Accessibility.Private &&
            method.ContainingType is { } type && isSecurityType(type))
        {
            return true;
        }

        // A getter is named by its property (get_IsAdmin would read as the verb "get").
        var (name, returnType) = method is { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }
            ? (property.Name, property.Type)
            : (method.Name, method.ReturnType);
        if (!BackdoorVocabulary.IsVerdictType(returnType))
        {
            return false;
        }

        var words = IdentifierWords.Split(name);
        if (words.Count == 0)
        {
            return false;
        }

        if (words.Count == 1)
        {
            return words[0] is "authenticate" or "authorize" or "login" or "signin";
        }

        var hasVerb = Array.IndexOf(BackdoorVocabulary.VerdictVerbs, words[0]) >= 0;
        var hasNoun = false;
        for (var i = 1; i < words.Count; i++)
        {
            hasNoun |= BackdoorVocabulary.VerdictNouns.Contains(words[i]);
        }

        return hasVerb && hasNoun;
    }

    /// <summary>What the condition reads that only a test or debug setup sets, or <c>null</c>.</summary>
    private static string? DescribeSwitch(IOperation condition)
    {
        if (condition.Syntax is ExpressionSyntax expression && DevelopmentGuard.CallsIsDevelopment(expression))
        {
            return "the environment is Development";
        }

        foreach (var operation in condition.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "GetEnvironmentVariable", ContainingType.Name: "Environment" } }:
                    return "an environment variable is set";
                case IInvocationOperation { TargetMethod.Name: "IsDevelopment" or "IsEnvironment" }:
                    return "the environment is a development one";
                case IPropertyReferenceOperation { Property: { Name: "IsAttached", ContainingType.Name: "Debugger" } }:
                    return "a debugger is attached";
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance.Type: { } configuration } when IsConfiguration(configuration):
                    return "a configuration value says so";
                case IInvocationOperation { TargetMethod.Name: "GetValue" or "GetSection" } invocation when invocation.Arguments.Length > 0 && IsConfiguration(invocation.Arguments[0].Value.Type ?? invocation.TargetMethod.ContainingType):
                    return "a configuration value says so";
                case IMemberReferenceOperation member when member.Type?.SpecialType == SpecialType.System_Boolean && BackdoorVocabulary.HasSwitchName(member.Member.Name):
                    return $"'{member.Member.Name}' is set";
                case ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_Boolean && BackdoorVocabulary.HasSwitchName(local.Local.Name):
                    return $"'{local.Local.Name}' is set";
            }
        }

        return null;
    }

    private static bool IsConfiguration(ITypeSymbol? type) =>
        type is not null && (type.Name is "IConfiguration" or "IConfigurationSection" or "IConfigurationRoot" || type.AllInterfaces.Any(i => i.Name == "IConfiguration"));

    /// <summary>A success somewhere in the branch (not in nested lambdas).</summary>
    private static bool ContainsSuccess(IOperation branch) => OwnOperations.Of(branch).Any(IsSuccess);

    /// <summary><c>return true</c>, <c>AuthenticateResult.Success(…)</c>, <c>context.Succeed(…)</c>,
    /// <c>PasswordVerificationResult.Success</c>, <c>AuthorizationResult.Success()</c>.</summary>
    private static bool IsSuccess(IOperation operation) => operation switch
    {
        IReturnOperation { ReturnedValue.ConstantValue: { HasValue: true, Value: true } } => true,
        IInvocationOperation { TargetMethod: { Name: "Success", ContainingType.Name: "AuthenticateResult" or "AuthorizationResult" } } => true,
        IInvocationOperation { TargetMethod: { Name: "Succeed", ContainingType.Name: "AuthorizationHandlerContext" } } => true,
        IFieldReferenceOperation { Field: { Name: "Success" or "SuccessRehashNeeded", ContainingType.Name: "PasswordVerificationResult" } } => true,
        _ => false,
    };
}
