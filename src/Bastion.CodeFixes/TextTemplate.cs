using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes;

/// <summary>Text written as a concatenation or an interpolation, read as its pieces: constant text (a
/// <see cref="string"/>), named constants kept as written (<see cref="TextConstant"/>, when asked for) and holes (an
/// <see cref="ExpressionSyntax"/>). Fixes that rebuild such text (a connection string, a SQL command) read it here.</summary>
internal static class TextTemplate
{
    /// <summary>Appends the pieces of <paramref name="expression"/>; false when it cannot be read (an interpolation with
    /// an alignment or a format).</summary>
    public static bool Flatten(ExpressionSyntax expression, SemanticModel model, List<object> segments, bool constants, CancellationToken cancellationToken)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Flatten(parenthesized.Expression, model, segments, constants, cancellationToken);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add when model.GetTypeInfo(add, cancellationToken).Type?.SpecialType == SpecialType.System_String:
                return Flatten(add.Left, model, segments, constants, cancellationToken) && Flatten(add.Right, model, segments, constants, cancellationToken);
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                segments.Add(literal.Token.ValueText);
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax text:
                            segments.Add(text.TextToken.ValueText);
                            break;
                        case InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole:
                            AddHole(hole.Expression, model, segments, constants, cancellationToken);
                            break;
                        default:
                            return false;
                    }
                }

                return true;
            default:
                AddHole(expression, model, segments, constants, cancellationToken);
                return true;
        }
    }

    /// <summary>A hole as an operand of a concatenation or an argument: parenthesised unless it is a primary expression.</summary>
    public static ExpressionSyntax Operand(ExpressionSyntax hole)
    {
        hole = hole.WithoutTrivia();
        return hole is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or
            LiteralExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax or InterpolatedStringExpressionSyntax
            ? hole
            : SyntaxFactory.ParenthesizedExpression(hole);
    }

    /// <summary>Pieces (strings and holes) joined back into one expression: <c>"--name=" + name</c>; an empty literal when
    /// there are none.</summary>
    public static ExpressionSyntax Concatenate(IEnumerable<object> parts)
    {
        ExpressionSyntax? result = null;
        foreach (var part in parts)
        {
            var next = part is string text
                ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text))
                : Operand((ExpressionSyntax)part);
            result = result is null ? next : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, result, next);
        }

        return result ?? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty));
    }

    /// <summary>Whether the text of <paramref name="expression"/> is written with verbatim literals (<c>@"…"</c>).</summary>
    public static bool IsVerbatim(ExpressionSyntax expression)
    {
        foreach (var token in expression.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken) || token.IsKind(SyntaxKind.InterpolatedStringStartToken))
            {
                return token.Text.StartsWith("@", System.StringComparison.Ordinal) || token.Text.StartsWith("$@", System.StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static void AddHole(ExpressionSyntax hole, SemanticModel model, List<object> segments, bool constants, CancellationToken cancellationToken)
    {
        if (constants && model.GetConstantValue(hole, cancellationToken) is { HasValue: true, Value: string value })
        {
            segments.Add(new TextConstant(hole, value));
        }
        else
        {
            segments.Add(hole);
        }
    }
}
