using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Injection;

/// <summary>Turns SQL text built by concatenation or interpolation into text with placeholders and the values to bind.
/// A quoted SQL string that holds values (<c>'" + name + "'</c>, <c>'%" + term + "%'</c>) becomes one placeholder
/// whose value is the string's content, so the command means what it meant. A value outside quotes is rewritten only
/// after a comparison (<c>=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>LIKE</c>), where a parameter can stand; anywhere else
/// (a table or column name, an <c>IN</c> list, a keyword) it is left to the author: a parameter cannot stand there.</summary>
internal static class SqlTemplate
{
    /// <summary>The rewrite, or null when the text cannot be rewritten safely.</summary>
    public static SqlRewrite? Rewrite(ExpressionSyntax expression, SemanticModel model, SqlPlaceholders placeholders, CancellationToken cancellationToken)
    {
        var segments = new List<object>();
        if (!TextTemplate.Flatten(expression, model, segments, constants: true, cancellationToken) || !segments.Any(s => s is ExpressionSyntax))
        {
            return null;
        }

        var atoms = new List<object>();
        foreach (var segment in segments)
        {
            if (segment is string text)
            {
                atoms.AddRange(text.Select(c => (object)c));
            }
            else if (segment is TextConstant constant && constant.Value.IndexOfAny(new[] { '\'', '"', '[', '{', '}' }) >= 0)
            {
                return null;
            }
            else
            {
                atoms.Add(segment);
            }
        }

        var used = new HashSet<string>(ExistingNames(segments), StringComparer.OrdinalIgnoreCase);
        var reserved = placeholders switch
        {
            SqlPlaceholders.Positional => new[] { '?' },
            SqlPlaceholders.Indexed => new[] { '{', '}' },
            _ => Array.Empty<char>(),
        };
        if (segments.OfType<string>().Any(s => s.IndexOfAny(reserved) >= 0))
        {
            return null;
        }

        var output = new List<object>();
        var context = new StringBuilder();
        var parameters = new List<KeyValuePair<string, ExpressionSyntax>>();
        for (var i = 0; i < atoms.Count; i++)
        {
            switch (atoms[i])
            {
                case '\'':
                    var close = ClosingQuote(atoms, i, out var holes, out var escaped);
                    if (close < 0 && holes)
                    {
                        return null;
                    }

                    close = close < 0 ? atoms.Count - 1 : close;
                    if (!holes)
                    {
                        Append(output, context, atoms, i, close);
                    }
                    else if (escaped)
                    {
                        return null;
                    }
                    else
                    {
                        DropUnicodePrefix(output, context);
                        var value = RegionValue(atoms, i + 1, close - 1, model, cancellationToken);
                        var name = Unique(Name(atoms, i + 1, close - 1), used);
                        parameters.Add(new KeyValuePair<string, ExpressionSyntax>(name, value));
                        Emit(output, context, Placeholder(placeholders, parameters.Count - 1, name));
                    }

                    i = close;
                    break;
                case '"' or '[' or '`':
                    var end = atoms.FindIndex(i + 1, a => a is char c && c == Closing((char)atoms[i]));
                    if (end < 0 || atoms.Skip(i).Take(end - i).Any(a => a is ExpressionSyntax))
                    {
                        return null;
                    }

                    Append(output, context, atoms, i, end);
                    i = end;
                    break;
                case char c:
                    Emit(output, context, c.ToString());
                    break;
                case TextConstant constant:
                    output.Add(constant);
                    context.Append(constant.Value);
                    break;
                case ExpressionSyntax hole:
                    if (!AfterComparison(context.ToString()))
                    {
                        return null;
                    }

                    var holeName = Unique(NameOf(hole) ?? "p", used);
                    parameters.Add(new KeyValuePair<string, ExpressionSyntax>(holeName, TextTemplate.Operand(hole)));
                    Emit(output, context, Placeholder(placeholders, parameters.Count - 1, holeName));
                    break;
            }
        }

        return new SqlRewrite(Text(output, expression), parameters);
    }

    private static string Placeholder(SqlPlaceholders placeholders, int index, string name) => placeholders switch
    {
        SqlPlaceholders.Positional => "?",
        SqlPlaceholders.Indexed => "{" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
        _ => "@" + name,
    };

    private static char Closing(char open) => open == '[' ? ']' : open;

    /// <summary>The index of the quote that closes the SQL string opened at <paramref name="open"/>, or -1.</summary>
    private static int ClosingQuote(List<object> atoms, int open, out bool holes, out bool escaped)
    {
        holes = false;
        escaped = false;
        for (var i = open + 1; i < atoms.Count; i++)
        {
            if (atoms[i] is ExpressionSyntax)
            {
                holes = true;
            }
            else if (atoms[i] is '\'')
            {
                if (i + 1 < atoms.Count && atoms[i + 1] is '\'')
                {
                    escaped = true;
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    private static void Append(List<object> output, StringBuilder context, List<object> atoms, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            if (atoms[i] is char c)
            {
                Emit(output, context, c.ToString());
            }
            else
            {
                output.Add(atoms[i]);
                context.Append(((TextConstant)atoms[i]).Value);
            }
        }
    }

    private static void Emit(List<object> output, StringBuilder context, string text)
    {
        if (output.Count > 0 && output[output.Count - 1] is string last)
        {
            output[output.Count - 1] = last + text;
        }
        else
        {
            output.Add(text);
        }

        context.Append(text);
    }

    /// <summary>Removes the <c>N</c> of a Unicode string literal (<c>N'…'</c>) that a placeholder replaces.</summary>
    private static void DropUnicodePrefix(List<object> output, StringBuilder context)
    {
        if (output.Count == 0 || output[output.Count - 1] is not string last || last.Length == 0 || char.ToUpperInvariant(last[last.Length - 1]) != 'N' ||
            last.Length > 1 && (char.IsLetterOrDigit(last[last.Length - 2]) || last[last.Length - 2] == '_'))
        {
            return;
        }

        output[output.Count - 1] = last.Substring(0, last.Length - 1);
        context.Length--;
    }

    private static bool AfterComparison(string before)
    {
        var text = before.TrimEnd();
        return text.EndsWith("=", StringComparison.Ordinal) || text.EndsWith("<", StringComparison.Ordinal) || text.EndsWith(">", StringComparison.Ordinal) ||
            text.EndsWith("like", StringComparison.OrdinalIgnoreCase) && (text.Length == 4 || !char.IsLetterOrDigit(text[text.Length - 5]));
    }

    /// <summary>The value of a quoted SQL string that holds values: the one value itself, or its text rebuilt as an
    /// interpolated string (null reads as empty text there, as it did in the concatenation).</summary>
    private static ExpressionSyntax RegionValue(List<object> atoms, int from, int to, SemanticModel model, CancellationToken cancellationToken)
    {
        if (from == to && atoms[from] is ExpressionSyntax only && model.GetTypeInfo(only, cancellationToken).Type?.SpecialType == SpecialType.System_String)
        {
            return model.GetTypeInfo(only, cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull
                ? SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, TextTemplate.Operand(only), SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty)))
                : TextTemplate.Operand(only);
        }

        var text = new StringBuilder("$\"");
        for (var i = from; i <= to; i++)
        {
            switch (atoms[i])
            {
                case char c:
                    text.Append(c is '{' or '}' ? new string(c, 2) : Regular(c.ToString()));
                    break;
                case TextConstant constant:
                    text.Append('{').Append(constant.Expression.WithoutTrivia().ToString()).Append('}');
                    break;
                case ExpressionSyntax hole:
                    text.Append('{').Append(Interpolated(hole)).Append('}');
                    break;
            }
        }

        return SyntaxFactory.ParseExpression(text.Append('"').ToString());
    }

    private static string Interpolated(ExpressionSyntax hole)
    {
        var operand = TextTemplate.Operand(hole);
        return operand is ConditionalExpressionSyntax || operand.DescendantTokens().Any(t => t.IsKind(SyntaxKind.ColonToken))
            ? "(" + operand + ")"
            : operand.ToString();
    }

    private static string Name(List<object> atoms, int from, int to)
    {
        var holes = atoms.Skip(from).Take(to - from + 1).OfType<ExpressionSyntax>().Where(a => a is not null).ToList();
        return holes.Count == 1 && NameOf(holes[0]) is { } name ? name : "p";
    }

    /// <summary>A parameter name for a value: the name it is read from (<c>name</c>, <c>user.Name</c>,
    /// <c>query["name"]</c>, <c>GetName()</c>).</summary>
    public static string? NameOf(ExpressionSyntax hole)
    {
        var name = hole switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } when arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString" } inner } => NameOf(inner.Expression),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => Unprefixed(access.Name.Identifier.ValueText),
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => Unprefixed(identifier.Identifier.ValueText),
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => NameOf(suppressed.Operand),
            _ => null,
        };

        if (name is null || name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            return null;
        }

        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private static string Unprefixed(string method) =>
        method.StartsWith("Get", StringComparison.Ordinal) && method.Length > 3 ? method.Substring(3) : method;

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = name + n;
        }

        return candidate;
    }

    /// <summary>The <c>@name</c> placeholders the text has already.</summary>
    private static IEnumerable<string> ExistingNames(List<object> segments)
    {
        foreach (var text in segments.OfType<string>())
        {
            for (var i = text.IndexOf('@'); i >= 0; i = text.IndexOf('@', i + 1))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                yield return text.Substring(i + 1, end - i - 1);
            }
        }
    }

    /// <summary>The new text: one literal, or the constants kept between literals (as an interpolation when the text
    /// was one).</summary>
    private static ExpressionSyntax Text(List<object> output, ExpressionSyntax original)
    {
        var verbatim = TextTemplate.IsVerbatim(original);
        if (original is InterpolatedStringExpressionSyntax && output.Any(o => o is TextConstant))
        {
            var text = new StringBuilder(verbatim ? "$@\"" : "$\"");
            foreach (var part in output)
            {
                text.Append(part is TextConstant constant
                    ? "{" + constant.Expression.WithoutTrivia() + "}"
                    : Escape((string)part, verbatim, interpolated: true));
            }

            return SyntaxFactory.ParseExpression(text.Append('"').ToString());
        }

        ExpressionSyntax? result = null;
        foreach (var part in output)
        {
            var next = part is TextConstant constant
                ? TextTemplate.Operand(constant.Expression)
                : SyntaxFactory.ParseExpression((verbatim ? "@\"" : "\"") + Escape((string)part, verbatim, interpolated: false) + "\"");
            result = result is null ? next : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, result, next);
        }

        return result ?? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty));
    }

    /// <summary>Text as it is written between the quotes of a regular literal.</summary>
    private static string Regular(string text)
    {
        var quoted = SymbolDisplay.FormatLiteral(text, quote: true);
        return quoted.Substring(1, quoted.Length - 2);
    }

    private static string Escape(string text, bool verbatim, bool interpolated)
    {
        var escaped = verbatim ? text.Replace("\"", "\"\"") : Regular(text);
        return interpolated ? escaped.Replace("{", "{{").Replace("}", "}}") : escaped;
    }
}
