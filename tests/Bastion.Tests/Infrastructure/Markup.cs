using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Tests.Infrastructure;

/// <summary>An expected diagnostic read from markup: <c>[|…|]</c> for the rule under test (ID <c>null</c>) or
/// <c>{|BST1002:…|}</c> for a named one.</summary>
public sealed record ExpectedDiagnostic(string? Id, string Path, TextSpan Span);

/// <summary>Parses Bastion's test markup. Spans may nest; unbalanced markup is a test-authoring error.</summary>
public static class Markup
{
    public static (string Text, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup, string path)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start)>();
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, text.Length));
                i++;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|' && TryReadId(markup, i + 2, out var id, out var end))
            {
                open.Push((id, text.Length));
                i = end;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"{path}: '{markup.Substring(i, 2)}' at offset {i} closes no span.");
                }

                var (spanId, start) = open.Pop();
                if ((markup[i + 1] == ']') != (spanId is null))
                {
                    throw new FormatException($"{path}: '{markup.Substring(i, 2)}' at offset {i} closes a span of the other kind.");
                }

                expected.Add(new ExpectedDiagnostic(spanId, path, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"{path}: {open.Count} markup span(s) are not closed.");
        }

        return (text.ToString(), expected.ToImmutable());
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    /// <summary>Reads <c>ID:</c> after <c>{|</c>; IDs are letters then digits (BST1001, CS0029, TST0001).</summary>
    private static bool TryReadId(string markup, int index, out string id, out int end)
    {
        var i = index;
        while (i < markup.Length && char.IsAsciiLetterUpper(markup[i]))
        {
            i++;
        }

        var digitsStart = i;
        while (i < markup.Length && char.IsAsciiDigit(markup[i]))
        {
            i++;
        }

        if (digitsStart == index || i == digitsStart || i >= markup.Length || markup[i] != ':')
        {
            id = string.Empty;
            end = index;
            return false;
        }

        id = markup.Substring(index, i - index);
        end = i;
        return true;
    }
}
