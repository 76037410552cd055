using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Bastion.Analyzers.Exposure;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4001: the logged credential leaves the message. A structured-logging argument goes with its placeholder
/// (<c>LogInformation("Login for {User} with {Password}", user, password)</c> becomes
/// <c>LogInformation("Login for {User}", user)</c>), an interpolated hole with its label; where the message would not
/// stay readable that way (a concatenation, a value passed through a call) the value becomes <c>"***"</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaskLoggedValueCodeFix))]
[Shared]
public sealed class MaskLoggedValueCodeFix : ReplaceExposedValueCodeFix
{
    /// <summary>Words that only joined the value to the message (<c>with {Password}</c>).</summary>
    private static readonly HashSet<string> Connectors = new(System.StringComparer.OrdinalIgnoreCase) { "with", "and", "using", "as", "is", "was", "of" };

    public MaskLoggedValueCodeFix()
        : base(RuleIdentifiers.SensitiveDataLogged, MaskKey, "Leave the value out of the log", Mask)
    {
    }

    private protected override SyntaxNode Rewrite(SyntaxNode root, ExpressionSyntax expression, string text) =>
        DropArgument(root, expression) ?? DropHole(root, expression) ?? Replace(root, expression, text);

    /// <summary>A template argument: the argument and its placeholder go; null when the template is not a plain
    /// literal with a placeholder for it, or would be left empty.</summary>
    private static SyntaxNode? DropArgument(SyntaxNode root, ExpressionSyntax expression)
    {
        if (expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax list } argument)
        {
            return null;
        }

        var index = list.Arguments.IndexOf(argument);
        var template = list.Arguments.Take(index).LastOrDefault(a => a.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression });
        if (template is null || template.NameColon is not null || argument.NameColon is not null)
        {
            return null;
        }

        var literal = (LiteralExpressionSyntax)template.Expression;
        var holes = MessageTemplate.Holes(literal.Token.ValueText);
        var hole = index - list.Arguments.IndexOf(template) - 1;
        if (hole < 0 || hole >= holes.Count || literal.Token.Text.StartsWith("@", System.StringComparison.Ordinal) || literal.Token.Text.Contains("\\"))
        {
            return null;
        }

        var (start, length) = holes[hole];
        var message = Without(literal.Token.ValueText, start, length);
        if (message is null || holes.Any(h => IsNumbered(literal.Token.ValueText, h)))
        {
            return null;
        }

        var newLiteral = literal.WithToken(SyntaxFactory.Literal(message).WithTriviaFrom(literal.Token));
        var newList = list.ReplaceNode(literal, newLiteral);
        newList = newList.WithArguments(newList.Arguments.RemoveAt(index));
        return root.ReplaceNode(list, newList);
    }

    /// <summary>An interpolated hole: it and its label go.</summary>
    private static SyntaxNode? DropHole(SyntaxNode root, ExpressionSyntax expression)
    {
        if (expression.Parent is not InterpolationSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } hole ||
            interpolated.StringStartToken.Text.Contains("@") || interpolated.StringStartToken.Text.Contains("\"\"\""))
        {
            return null;
        }

        var contents = interpolated.Contents;
        var index = contents.IndexOf(hole);
        var before = index > 0 && contents[index - 1] is InterpolatedStringTextSyntax text ? text : null;
        var prefix = before?.TextToken.Text ?? string.Empty;
        var kept = TrimLabel(prefix);
        var newContents = contents.RemoveAt(index);
        if (before is not null)
        {
            newContents = kept.Length == 0
                ? newContents.RemoveAt(index - 1)
                : newContents.Replace(newContents[index - 1], before.WithTextToken(SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, kept, kept, default)));
        }

        return newContents.Count == 0 ? null : root.ReplaceNode(interpolated, interpolated.WithContents(newContents));
    }

    /// <summary>The message without the hole at <paramref name="start"/>, its label or connector, and the space before
    /// it; null when nothing readable would be left.</summary>
    private static string? Without(string message, int start, int length)
    {
        var prefix = TrimLabel(message.Substring(0, start));
        var suffix = message.Substring(start + length);
        var result = prefix.Length > 0 && suffix.Length > 0 && char.IsLetterOrDigit(suffix[0]) ? prefix + " " + suffix : prefix + suffix;
        return result.Trim().Length == 0 ? null : result;
    }

    /// <summary>Text before a removed value without what introduced it: <c>password=</c>, <c>pwd: </c>, <c> with </c>.</summary>
    private static string TrimLabel(string prefix)
    {
        var end = prefix.TrimEnd();
        if (end.EndsWith("=", System.StringComparison.Ordinal) || end.EndsWith(":", System.StringComparison.Ordinal))
        {
            end = end.Substring(0, end.Length - 1);
            var word = end.Length;
            while (word > 0 && (char.IsLetterOrDigit(end[word - 1]) || end[word - 1] is '_' or '-'))
            {
                word--;
            }

            end = end.Substring(0, word).TrimEnd(' ', ',', ';');
        }
        else
        {
            var space = end.LastIndexOf(' ');
            if (Connectors.Contains(end.Substring(space + 1)))
            {
                end = end.Substring(0, space + 1).TrimEnd();
            }
        }

        return end;
    }

    /// <summary><c>{0}</c>: positional, so removing one would renumber the rest (the value is masked instead).</summary>
    private static bool IsNumbered(string template, (int Start, int Length) hole) =>
        hole.Length > 2 && char.IsDigit(template[hole.Start + 1]);
}
