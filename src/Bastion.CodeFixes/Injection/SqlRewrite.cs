using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Injection;

/// <summary>A SQL command's text with placeholders where values were concatenated in, and the values to pass as
/// parameters, in the order of their placeholders.</summary>
internal sealed class SqlRewrite
{
    public SqlRewrite(ExpressionSyntax text, IReadOnlyList<KeyValuePair<string, ExpressionSyntax>> parameters)
    {
        Text = text;
        Parameters = parameters;
    }

    /// <summary>The new command text: a literal, or a concatenation or interpolation that keeps named constants.</summary>
    public ExpressionSyntax Text { get; }

    /// <summary>Each parameter's name (without its <c>@</c>) and value.</summary>
    public IReadOnlyList<KeyValuePair<string, ExpressionSyntax>> Parameters { get; }
}
