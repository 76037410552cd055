using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>Every place a value is given a name: a variable, field, property, parameter (default or argument),
/// return value, initializer member, key–value call (<c>Add("password", …)</c>), indexer with a constant key, one
/// side of an equality check (<c>==</c>, <c>Equals</c>), or a constant a named value is matched against (<c>case</c>,
/// a switch expression's arm, <c>is</c>). Shared by the rules that judge values by the name they are given.</summary>
internal static class CredentialTargets
{
    public static void Register(CompilationStartAnalysisContext start, NamedValueHandler handler)
    {
        start.RegisterOperationAction(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (TryGetTargetName(assignment.Target, out var name))
                {
                    handler(c, name, assignment.Value);
                }
            },
            OperationKind.SimpleAssignment);
        start.RegisterOperationAction(
            c =>
            {
                var declarator = (IVariableDeclaratorOperation)c.Operation;
                if (declarator.GetVariableInitializer() is { } initializer)
                {
                    handler(c, declarator.Symbol.Name, initializer.Value);
                }
            },
            OperationKind.VariableDeclarator);
        start.RegisterOperationAction(
            c =>
            {
                var initializer = (IFieldInitializerOperation)c.Operation;
                foreach (var field in initializer.InitializedFields)
                {
                    handler(c, field.Name, initializer.Value);
                }
            },
            OperationKind.FieldInitializer);
        start.RegisterOperationAction(
            c =>
            {
                var initializer = (IPropertyInitializerOperation)c.Operation;
                foreach (var property in initializer.InitializedProperties)
                {
                    handler(c, property.Name, initializer.Value);
                }
            },
            OperationKind.PropertyInitializer);
        start.RegisterOperationAction(
            c =>
            {
                var initializer = (IParameterInitializerOperation)c.Operation;
                handler(c, initializer.Parameter.Name, initializer.Value);
            },
            OperationKind.ParameterInitializer);
        start.RegisterOperationAction(
            c =>
            {
                if (((IReturnOperation)c.Operation).ReturnedValue is { } returned && TryGetFunctionName(c, out var name))
                {
                    handler(c, name, returned);
                }
            },
            OperationKind.Return);
        // Arguments are read from their call, creation or indexer, not as operations of their own: every argument would
        // be one more driver callback, and those operations are callbacks already (BST3004 reads every property reference).
        start.RegisterOperationAction(
            c =>
            {
                AnalyzeArguments(c, ((IInvocationOperation)c.Operation).Arguments, handler);
                AnalyzeKeyValueCall(c, handler);
                AnalyzeEqualsCall(c, handler);
            },
            OperationKind.Invocation);
        start.RegisterOperationAction(c => AnalyzeArguments(c, ((IObjectCreationOperation)c.Operation).Arguments, handler), OperationKind.ObjectCreation);
        start.RegisterOperationAction(
            c =>
            {
                if (((IPropertyReferenceOperation)c.Operation).Arguments is { IsEmpty: false } indexed)
                {
                    AnalyzeArguments(c, indexed, handler);
                }
            },
            OperationKind.PropertyReference);
        start.RegisterOperationAction(c => AnalyzeEquality(c, handler), OperationKind.Binary);
        start.RegisterOperationAction(c => AnalyzeCases(c, handler), OperationKind.Switch, OperationKind.SwitchExpression, OperationKind.IsPattern);
    }

    /// <summary>Each argument written in the call, under the name of its parameter.</summary>
    private static void AnalyzeArguments(OperationAnalysisContext context, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, NamedValueHandler handler)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                handler(context, parameter.Name, argument.Value);
            }
        }
    }

    /// <summary><c>password.Equals("…")</c>, <c>string.Equals(token, "…", StringComparison.Ordinal)</c>: the same check
    /// as <c>==</c>.</summary>
    private static void AnalyzeEqualsCall(OperationAnalysisContext context, NamedValueHandler handler)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Equals" } method || invocation.Arguments.Length == 0)
        {
            return;
        }

        if (!method.IsStatic && invocation.Instance is { } instance)
        {
            if (TryGetTargetName(Unwrap(instance), out var name))
            {
                handler(context, name, invocation.Arguments[0].Value);
            }
        }
        else if (method.IsStatic && invocation.Arguments.Length >= 2)
        {
            var (left, right) = (invocation.Arguments[0].Value, invocation.Arguments[1].Value);
            if (TryGetTargetName(Unwrap(left), out var name))
            {
                handler(context, name, right);
            }
            else if (TryGetTargetName(Unwrap(right), out name))
            {
                handler(context, name, left);
            }
        }
    }

    /// <summary><c>switch (password) { case "…": }</c>, <c>password switch { "…" =&gt; … }</c>, <c>password is "…"</c>: each
    /// constant the value is matched against.</summary>
    private static void AnalyzeCases(OperationAnalysisContext context, NamedValueHandler handler)
    {
        switch (context.Operation)
        {
            case ISwitchOperation @switch when TryGetTargetName(Unwrap(@switch.Value), out var name):
                foreach (var section in @switch.Cases)
                {
                    foreach (var clause in section.Clauses)
                    {
                        switch (clause)
                        {
                            case ISingleValueCaseClauseOperation single:
                                handler(context, name, single.Value);
                                break;
                            case IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant }:
                                handler(context, name, constant.Value);
                                break;
                        }
                    }
                }

                break;
            case ISwitchExpressionOperation expression when TryGetTargetName(Unwrap(expression.Value), out var name):
                foreach (var arm in expression.Arms)
                {
                    if (arm.Pattern is IConstantPatternOperation constant)
                    {
                        handler(context, name, constant.Value);
                    }
                }

                break;
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when TryGetTargetName(Unwrap(pattern.Value), out var name):
                handler(context, name, constant.Value);
                break;
        }
    }

    /// <summary><c>Add("password", "…")</c>, <c>headers.Add("X-Api-Key", "…")</c>,
    /// <c>SetEnvironmentVariable("DB_PASSWORD", "…")</c>: a key–value call whose key is a constant.</summary>
    private static void AnalyzeKeyValueCall(OperationAnalysisContext context, NamedValueHandler handler)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Arguments.Length < 2)
        {
            return;
        }

        var key = invocation.Arguments[0];
        if (key.Parameter is not null && IsKeyParameterName(key.Parameter.Name) &&
            key.Value.ConstantValue is { HasValue: true, Value: string keyName })
        {
            handler(context, keyName, invocation.Arguments[1].Value);
        }
    }

    /// <summary><c>password == "…"</c>: a comparison against a hard-coded credential is a backdoor.</summary>
    private static void AnalyzeEquality(OperationAnalysisContext context, NamedValueHandler handler)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return;
        }

        if (TryGetTargetName(Unwrap(binary.LeftOperand), out var name))
        {
            handler(context, name, binary.RightOperand);
        }
        else if (TryGetTargetName(Unwrap(binary.RightOperand), out name))
        {
            handler(context, name, binary.LeftOperand);
        }
    }

    private static bool IsKeyParameterName(string name) =>
        name is "key" or "name" or "variable" or "keyName" or "headerName" or "settingName";

    /// <summary>The variable, field, property, parameter or assignment target a value is written into, if any —
    /// for messages and for naming the configuration key a fix reads.</summary>
    public static string? NameGivenTo(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Name,
            IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0].Name,
            IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0].Name,
            IArgumentOperation { Parameter: { } parameter } => parameter.Name,
            ISimpleAssignmentOperation assignment when TryGetTargetName(assignment.Target, out var name) => name,
            _ => null,
        };
    }

    /// <summary>A reference to a credential-named constant declared in this compilation is reported where the
    /// constant is declared, once, not at every use.</summary>
    public static bool IsReportedAtDeclaration(IOperation value, CredentialNames names) => value switch
    {
        IFieldReferenceOperation { Field: { IsConst: true } field } => SymbolFacts.HasSourceDeclaration(field) && names.IsCredentialName(field.Name),
        ILocalReferenceOperation { Local: { IsConst: true } local } => names.IsCredentialName(local.Name),
        _ => false,
    };

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The name a value is stored under: a symbol's name, or the constant key of an indexer
    /// (<c>settings["Db:Password"]</c>).</summary>
    public static bool TryGetTargetName(IOperation target, out string name)
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

    /// <summary>The method, local function or property a <c>return</c> belongs to; lambdas have no name to judge.</summary>
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
