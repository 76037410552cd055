using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The comparisons that bound a loop: a relational operator between numbers in the condition of a <c>for</c>,
/// <c>while</c> or <c>do</c> (alone, or joined to others by <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>). How many times the
/// loop runs is what its operands say.</summary>
internal static class LoopConditions
{
    public static bool IsBound(IBinaryOperation binary)
    {
        if (binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or
            BinaryOperatorKind.GreaterThanOrEqual) || binary.LeftOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.HasValue)
        {
            return false;
        }

        SyntaxNode node = binary.Syntax;
        for (var guard = 0; guard < 16; guard++)
        {
            var parent = node.Parent;
            switch (parent)
            {
                case ForStatementSyntax @for:
                    return @for.Condition == node;
                case WhileStatementSyntax @while:
                    return @while.Condition == node;
                case DoStatementSyntax @do:
                    return @do.Condition == node;
                case ParenthesizedExpressionSyntax:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression }:
                    node = parent;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }
}
