using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What clears taint. Conditions that, when they hold, leave no room for an attacker: comparison with a constant,
/// a constant <c>switch</c> case or pattern, membership in a collection the attacker does not control, an anchored
/// <c>Regex.IsMatch</c>, a successful <c>TryParse</c> to a number, <c>Guid</c>, <c>bool</c>, date or enum, and validators
/// the user names in options (<c>Namespace.Type.Method</c>: a <c>bool</c> method validates its arguments, any other method
/// returns a sanitized value).</summary>
internal sealed class TaintValidation
{
    private readonly ImmutableHashSet<string> userValidators;
    private readonly SanitizerTable? sanitizers;

    public TaintValidation(ImmutableArray<string> userValidators, SanitizerTable? sanitizers = null)
    {
        this.userValidators = userValidators.IsDefaultOrEmpty ? ImmutableHashSet<string>.Empty : ImmutableHashSet.CreateRange(StringComparer.Ordinal, userValidators);
        this.sanitizers = sanitizers;
    }

    /// <summary>The sink kinds a library method's result is safe for: an encoder or escaper of the family's table.</summary>
    public ulong SanitizedKinds(IMethodSymbol method) => sanitizers?.Kinds(method) ?? 0;

    /// <summary>A user sanitizer: a configured method that returns a value rather than a verdict.</summary>
    public bool IsSanitizer(IMethodSymbol method) =>
        !userValidators.IsEmpty && method.ReturnType.SpecialType != SpecialType.System_Boolean && userValidators.Contains(FullName(method));

    /// <summary>The values a condition validates when it evaluates to <paramref name="outcome"/>.</summary>
    /// <param name="isTrusted">Whether a value (the receiver of <c>Contains</c>) is free of untrusted data here.</param>
    public void Validated(IOperation condition, bool outcome, Func<IOperation, bool> isTrusted, List<IOperation> validated)
    {
        for (var guard = 0; guard < 64; guard++)
        {
            condition = Unwrap(condition);
            if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                outcome = !outcome;
                continue;
            }

            break;
        }

        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } when outcome:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } when !outcome:
                var binary = (IBinaryOperation)condition;
                Validated(binary.LeftOperand, outcome, isTrusted, validated);
                Validated(binary.RightOperand, outcome, isTrusted, validated);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.ObjectValueEquals } when outcome:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals or BinaryOperatorKind.ObjectValueNotEquals } when !outcome:
                var comparison = (IBinaryOperation)condition;
                AddComparedWithConstant(comparison.LeftOperand, comparison.RightOperand, validated);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } when outcome:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } when !outcome:
                // IndexOf(…) != -1: found.
                var notFound = (IBinaryOperation)condition;
                if (IndexOfCall(notFound.LeftOperand, notFound.RightOperand, out var search, out var minusOne) && minusOne == -1)
                {
                    AddMember(search!, isTrusted, validated);
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or
                BinaryOperatorKind.GreaterThanOrEqual } bound:
                AddBounded(bound, outcome, validated);
                AddFoundByIndex(bound, outcome, isTrusted, validated);
                break;
            case IIsPatternOperation pattern:
                if (IsConstantPattern(pattern.Pattern, out var negated) && outcome != negated)
                {
                    validated.Add(pattern.Value);
                }

                break;
            case IInvocationOperation invocation when outcome:
                ValidatedByCall(invocation, isTrusted, validated);
                break;
        }
    }

    private void ValidatedByCall(IInvocationOperation invocation, Func<IOperation, bool> isTrusted, List<IOperation> validated)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        switch (method.Name)
        {
            case "Equals" when method.IsStatic && arguments.Length >= 2:
                AddComparedWithConstant(arguments[0].Value, arguments[1].Value, validated);
                return;
            case "Equals" when invocation.Instance is { } instance && arguments.Length >= 1:
                AddComparedWithConstant(instance, arguments[0].Value, validated);
                return;
            case "Contains" or "ContainsKey" or "ContainsValue":
                AddMember(invocation, isTrusted, validated);
                return;
            case "IsDefined" when method.ContainingType?.SpecialType == SpecialType.System_Enum && arguments.Length == 2:
                validated.Add(arguments[1].Value);
                return;
            case "IsMatch" when IsRegex(method.ContainingType):
                if (method.IsStatic && arguments.Length >= 2 && arguments[1].Value.ConstantValue is { HasValue: true, Value: string pattern } && IsAnchored(pattern) ||
                    !method.IsStatic && arguments.Length >= 1 && invocation.Instance is { } regex && KnownPattern(regex) is { } known && IsAnchored(known))
                {
                    validated.Add(arguments[0].Value);
                }

                return;
            case "TryParse" or "TryParseExact" when arguments.Length >= 2 && IsParseTarget(method):
                validated.Add(arguments[0].Value);
                return;
        }

        if (method.ReturnType.SpecialType == SpecialType.System_Boolean &&
            (SanitizedKinds(method) != 0 || !userValidators.IsEmpty && userValidators.Contains(FullName(method))))
        {
            foreach (var argument in arguments)
            {
                validated.Add(argument.Value);
            }
        }
    }

    /// <summary>Membership in a collection the attacker does not control (<c>list.Contains(x)</c>, <c>Array.IndexOf(list, x)</c>
    /// found): an allow-list. A string receiver only says the value is a substring, which proves nothing about the rest.</summary>
    private static void AddMember(IInvocationOperation invocation, Func<IOperation, bool> isTrusted, List<IOperation> validated)
    {
        var arguments = invocation.Arguments;
        var (collection, element) = invocation.Instance is { } receiver
            ? (receiver, arguments.Length == 1 ? arguments[0].Value : null)
            : (arguments.Length == 2 ? arguments[0].Value : null, arguments.Length == 2 ? arguments[1].Value : null);
        if (collection is not null && element is not null && Unwrap(collection).Type?.SpecialType != SpecialType.System_String && isTrusted(collection))
        {
            validated.Add(element);
        }
    }

    /// <summary><c>IndexOf(…) &gt;= 0</c>, <c>&gt; -1</c>, <c>0 &lt;= IndexOf(…)</c> (or their negations when false): the value was
    /// found in the collection searched.</summary>
    private static void AddFoundByIndex(IBinaryOperation bound, bool outcome, Func<IOperation, bool> isTrusted, List<IOperation> validated)
    {
        var (smaller, larger, strict) = Ordered(bound, outcome);
        if (IndexOfCall(larger, smaller, out var search, out var limit) && search == Unwrap(larger) && limit >= (strict ? -1 : 0))
        {
            AddMember(search!, isTrusted, validated);
        }
    }

    /// <summary>What a relational comparison says when it evaluates to <paramref name="outcome"/>: which operand is the
    /// smaller, and whether strictly (<c>!(a &lt; b)</c> says <c>b &lt;= a</c>).</summary>
    private static (IOperation Smaller, IOperation Larger, bool Strict) Ordered(IBinaryOperation bound, bool outcome)
    {
        var less = bound.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual;
        var strict = bound.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.GreaterThan;
        if (!outcome)
        {
            less = !less;
            strict = !strict;
        }

        return less ? (bound.LeftOperand, bound.RightOperand, strict) : (bound.RightOperand, bound.LeftOperand, strict);
    }

    /// <summary>Whether one side is a call of <c>IndexOf</c> (not on a string) and the other an integer constant.</summary>
    private static bool IndexOfCall(IOperation left, IOperation right, out IInvocationOperation? search, out long constant)
    {
        (search, var other) = Unwrap(left) is IInvocationOperation { TargetMethod.Name: "IndexOf" } l ? (l, right) :
            Unwrap(right) is IInvocationOperation { TargetMethod.Name: "IndexOf" } r ? (r, left) : ((IInvocationOperation?)null, left);
        constant = 0;
        if (search is null || Unwrap(other).ConstantValue is not { HasValue: true, Value: int or long } value)
        {
            return false;
        }

        constant = System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A number kept at or under a constant (<c>count &lt;= 100</c>, <c>!(count &gt; 100)</c>, <c>100 &gt;= count</c>):
    /// its size is no longer the attacker's. A lower bound alone proves nothing.</summary>
    private static void AddBounded(IBinaryOperation bound, bool outcome, List<IOperation> validated)
    {
        var (value, limit, _) = Ordered(bound, outcome);
        if (IsNonNullConstant(limit) && TaintEngine.IsTextFreeType(Unwrap(value).Type))
        {
            validated.Add(value);
        }
    }

    private static void AddComparedWithConstant(IOperation left, IOperation right, List<IOperation> validated)
    {
        if (IsNonNullConstant(right))
        {
            validated.Add(left);
        }
        else if (IsNonNullConstant(left))
        {
            validated.Add(right);
        }
    }

    private static bool IsNonNullConstant(IOperation operation) => Unwrap(operation).ConstantValue is { HasValue: true, Value: not null };

    private static bool IsConstantPattern(IPatternOperation pattern, out bool negated)
    {
        negated = false;
        for (var guard = 0; guard < 16 && pattern is INegatedPatternOperation not; guard++)
        {
            negated = !negated;
            pattern = not.Pattern;
        }

        return pattern switch
        {
            IConstantPatternOperation constant => IsNonNullConstant(constant.Value),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantPattern(or.LeftPattern, out var l) && !l && IsConstantPattern(or.RightPattern, out var r) && !r,
            _ => false,
        };
    }

    /// <summary>The value a condition proves non-null when it evaluates to <paramref name="outcome"/>: <c>x != null</c>,
    /// <c>x.HasValue</c>, <c>x is not null</c> (and their negations on the other outcome); null for any other condition.</summary>
    public static IOperation? NonNullTested(IOperation condition, bool outcome)
    {
        condition = Unwrap(condition);
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = Unwrap(not.Operand);
            outcome = !outcome;
        }

        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals or BinaryOperatorKind.Equals } comparison
                when (comparison.OperatorKind == BinaryOperatorKind.NotEquals) == outcome:
                return IsNull(comparison.RightOperand) ? Unwrap(comparison.LeftOperand) : IsNull(comparison.LeftOperand) ? Unwrap(comparison.RightOperand) : null;
            case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } when outcome:
                return Unwrap(instance);
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern when outcome && IsNull(constant.Value):
                return Unwrap(pattern.Value);
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when !outcome && IsNull(constant.Value):
                return Unwrap(pattern.Value);
            default:
                return null;
        }
    }

    private static bool IsNull(IOperation operation) => Unwrap(operation).ConstantValue is { HasValue: true, Value: null };

    /// <summary>A parse that throws when its input is not a number, <c>Guid</c>, date or enum (<c>int.Parse(s)</c>): once it
    /// has returned, its input is known to be one.</summary>
    public static bool ValidatesOnReturn(IMethodSymbol method) =>
        method is { IsStatic: true, Name: "Parse" or "ParseExact", Parameters.Length: > 0 } && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        IsParseTarget(method);

    /// <summary>Parsing to a type that cannot carry text: numbers, <c>Guid</c>, <c>bool</c>, dates and enums.</summary>
    private static bool IsParseTarget(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_Enum)
        {
            return true;
        }

        return TaintEngine.IsTextFreeType(type);
    }

    private static bool IsRegex(INamedTypeSymbol? type) => type is { Name: "Regex" } && SymbolFacts.IsNamespace(type.ContainingNamespace, "RegularExpressions", "Text", "System");

    /// <summary>A pattern that constrains the whole input: starts with <c>^</c> or <c>\A</c> and ends with <c>$</c>, <c>\z</c> or <c>\Z</c>.</summary>
    internal static bool IsAnchored(string pattern)
    {
        var starts = pattern.StartsWith("^", StringComparison.Ordinal) || pattern.StartsWith(@"\A", StringComparison.Ordinal);
        var ends = pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith(@"\$", StringComparison.Ordinal) ||
            pattern.EndsWith(@"\z", StringComparison.Ordinal) || pattern.EndsWith(@"\Z", StringComparison.Ordinal);
        return starts && ends;
    }

    /// <summary>The pattern of a regex whose construction is visible: a field or property initialized with
    /// <c>new Regex("…")</c>, or a <c>[GeneratedRegex("…")]</c> method.</summary>
    private static string? KnownPattern(IOperation regex)
    {
        regex = Unwrap(regex);
        ISymbol? symbol = regex switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IInvocationOperation invocation => invocation.TargetMethod,
            _ => null,
        };

        if (symbol is IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "GeneratedRegexAttribute" && attribute.ConstructorArguments.Length > 0 &&
                    attribute.ConstructorArguments[0].Value is string generated)
                {
                    return generated;
                }
            }

            return null;
        }

        if (symbol is null)
        {
            return null;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };

            if (initializer is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } &&
                arguments[0].Expression is LiteralExpressionSyntax literal && literal.Token.Value is string pattern)
            {
                return pattern;
            }
        }

        return null;
    }

    internal static IOperation Unwrap(IOperation operation)
    {
        for (var guard = 0; guard < 64 && operation is IConversionOperation or IParenthesizedOperation; guard++)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    internal static IOperation? UnwrapNullable(IOperation? operation) => operation is null ? null : Unwrap(operation);

    internal static string FullName(IMethodSymbol method)
    {
        var type = method.ContainingType;
        var parts = new Stack<string>();
        parts.Push(method.Name);
        for (var current = type; current is not null; current = current.ContainingType)
        {
            parts.Push(current.Name);
        }

        for (var ns = type?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Push(ns.Name);
        }

        return string.Join(".", parts);
    }
}
