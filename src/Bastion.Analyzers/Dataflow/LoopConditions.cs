using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The comparisons that bound a loop: a relational operator between numbers in the condition of a <c>for</c>,
/// <c>while</c> or <c>do</c> (alone, or joined to others by <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>). How many times the
/// loop runs is what its operands say, unless its body leaves it another way.</summary>
internal static class LoopConditions
{
    public static bool IsBound(IBinaryOperation binary) => Loop(binary) is not null;

    /// <summary>The loop whose condition <paramref name="binary"/> bounds, or null.</summary>
    public static StatementSyntax? Loop(IBinaryOperation binary)
    {
        if (binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or
            BinaryOperatorKind.GreaterThanOrEqual) || binary.LeftOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.HasValue)
        {
            return null;
        }

        SyntaxNode node = binary.Syntax;
        for (var guard = 0; guard < 16; guard++)
        {
            var parent = node.Parent;
            switch (parent)
            {
                case ForStatementSyntax @for:
                    return @for.Condition == node ? @for : null;
                case WhileStatementSyntax @while:
                    return @while.Condition == node ? @while : null;
                case DoStatementSyntax @do:
                    return @do.Condition == node ? @do : null;
                case ParenthesizedExpressionSyntax:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression }:
                    node = parent;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whether the loop can end other than by its condition: a <c>break</c> of its own, a <c>return</c>, a
    /// <c>throw</c>, a <c>goto</c> or a <c>yield break</c> in its body, or a condition that other tests join.</summary>
    public static bool HasOtherExit(SyntaxNode loop)
    {
        var (condition, body) = loop switch
        {
            ForStatementSyntax @for => (@for.Condition, @for.Statement),
            WhileStatementSyntax @while => (@while.Condition, @while.Statement),
            DoStatementSyntax @do => (@do.Condition, @do.Statement),
            _ => (null, null),
        };

        if (body is null || condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression })
        {
            return true;
        }

        return Exits(body, ownBreaks: true);
    }

    private static bool Exits(SyntaxNode node, bool ownBreaks)
    {
        foreach (var child in node.ChildNodes())
        {
            switch (child)
            {
                case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax or YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement }:
                    return true;
                case BreakStatementSyntax when ownBreaks:
                    return true;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    continue;
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax:
                    // A break inside belongs to the inner statement.
                    if (Exits(child, ownBreaks: false))
                    {
                        return true;
                    }

                    continue;
            }

            if (Exits(child, ownBreaks))
            {
                return true;
            }
        }

        return false;
    }
}
