using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes;

/// <summary>A named constant inside a concatenation or interpolation: its value is read as text, and a rewrite keeps
/// the expression that names it.</summary>
internal sealed class TextConstant
{
    public TextConstant(ExpressionSyntax expression, string value)
    {
        Expression = expression;
        Value = value;
    }

    public ExpressionSyntax Expression { get; }

    public string Value { get; }
}
