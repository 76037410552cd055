using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;

namespace Bastion.Analyzers.Secrets;

/// <summary>Finds credentials written into comment text: tokens of the known vendor formats, and credential pairs
/// (<c>password = hunter2</c>, <c>api_key=…</c>, <c>pwd:…</c> without a space) whose key is a credential name and whose
/// value is not a placeholder. Hand-written, one pass over the text.</summary>
internal static class CommentSecretScanner
{
    /// <summary>Comments are prose: a three-character password is still one, but placeholders are not.</summary>
    private static readonly CredentialValues Values = new(CredentialNames.Default, 3, System.Collections.Immutable.ImmutableArray<string>.Empty);

    /// <summary>Words that start prose after a separator (<c>password: the user's password</c>), not a value.</summary>
    private static readonly HashSet<string> ProseWords = StringSet.Of(
        System.StringComparer.OrdinalIgnoreCase,
        "the", "a", "an", "is", "are", "was", "to", "of", "and", "or", "for", "in", "on", "with", "from", "this", "that",
        "null", "none", "empty", "true", "false", "string", "value", "see", "e.g", "i.e", "todo");

    public static void Find(string text, List<CommentSecret> found, bool formats)
    {
        if (formats)
        {
            FindTokens(text, found);
        }

        if (text.IndexOf('=') < 0 && text.IndexOf(':') < 0)
        {
            return;
        }

        for (var i = text.IndexOfAny(Separators); i >= 0; i = text.IndexOfAny(Separators, i + 1))
        {
            if (Pair(text, i) is { } pair && !Overlaps(found, pair))
            {
                found.Add(pair);
            }
        }
    }

    /// <summary>Whether a credential name stands right before a separator somewhere in <paramref name="text"/>: what every
    /// pair <see cref="Find"/> reports has, checked without reading values.</summary>
    public static bool HasCredentialKey(string text)
    {
        for (var i = text.IndexOfAny(Separators); i >= 0; i = text.IndexOfAny(Separators, i + 1))
        {
            var (keyStart, keyEnd) = KeyBefore(text, i);
            if (keyStart < keyEnd && CredentialNames.Default.IsCredentialName(text.Substring(keyStart, keyEnd - keyStart)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tokens of the known vendor formats.</summary>
    public static void FindTokens(string text, List<CommentSecret> found)
    {
        if (text.Length < TokenScanner.Default.MinLength)
        {
            return;
        }

        List<TokenMatch>? matches = null;
        TokenScanner.Default.FindAll(text, ref matches, maxMatches: 4);
        foreach (var match in matches ?? new List<TokenMatch>())
        {
            found.Add(new CommentSecret(match.Start, match.Length, match.Format.Description));
        }
    }

    private static readonly char[] Separators = { '=', ':' };

    /// <summary>The key: the word just before the separator (spaces allowed before '=', none before ':'); empty when
    /// there is none.</summary>
    private static (int Start, int End) KeyBefore(string text, int separator)
    {
        var keyEnd = separator;
        while (text[separator] == '=' && keyEnd > 0 && text[keyEnd - 1] == ' ')
        {
            keyEnd--;
        }

        var keyStart = keyEnd;
        while (keyStart > 0 && IsKeyChar(text[keyStart - 1]))
        {
            keyStart--;
        }

        return (keyStart, keyEnd);
    }

    private static CommentSecret? Pair(string text, int separator)
    {
        var (keyStart, keyEnd) = KeyBefore(text, separator);
        if (keyStart == keyEnd || separator + 1 < text.Length && text[separator] == '=' && text[separator + 1] == '=')
        {
            return null;
        }

        // PublicKeyToken=b77a5c561934e089 in an assembly name, a publishable key: public by design.
        var key = text.Substring(keyStart, keyEnd - keyStart);
        if (!CredentialNames.Default.IsCredentialName(key) || key.IndexOf("public", System.StringComparison.OrdinalIgnoreCase) >= 0 ||
            key.IndexOf("publishable", System.StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return null;
        }

        // The value: after optional spaces (for '=') and an opening quote, up to a space, a separator or a quote.
        var valueStart = separator + 1;
        if (text[separator] == '=')
        {
            while (valueStart < text.Length && text[valueStart] == ' ')
            {
                valueStart++;
            }
        }

        if (valueStart < text.Length && text[valueStart] is '"' or '\'')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < text.Length && !IsValueEnd(text, valueEnd))
        {
            valueEnd++;
        }

        while (valueEnd > valueStart && text[valueEnd - 1] is '.' or ':' or '!' && !HasSymbolOrDigit(text, valueStart, valueEnd - 1))
        {
            valueEnd--;
        }

        var value = text.Substring(valueStart, valueEnd - valueStart);
        if (value.Length == 0 || ProseWords.Contains(value) || IsProse(text, value, valueEnd) || value.IndexOf('…') >= 0 || value.Contains("...") ||
            Values.ExclusionReason(value, key) is not null || CredentialValues.IsSubstitution(value))
        {
            return null;
        }

        return new CommentSecret(valueStart, value.Length, "A '" + key + "' value");
    }

    private static bool IsKeyChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static bool HasSymbolOrDigit(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsLetter(text[i]) && text[i] != '\'')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A plain word followed by more words (<c>password = whatever the user typed</c>) is a sentence, not a
    /// value; a word with digits or symbols, or one that ends the comment, is a value.</summary>
    private static bool IsProse(string text, string value, int valueEnd)
    {
        if (HasSymbolOrDigit(value, 0, value.Length))
        {
            return false;
        }

        var next = valueEnd;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        return next > valueEnd && next < text.Length && char.IsLetter(text[next]);
    }

    private static bool IsValueEnd(string text, int index) =>
        char.IsWhiteSpace(text[index]) || text[index] is '"' or '\'' or ',' or ';' or '<' or '&' or ')' or ']' ||
        text[index] == '-' && index + 2 < text.Length && text[index + 1] == '-' && text[index + 2] == '>' ||
        text[index] == '*' && index + 1 < text.Length && text[index + 1] == '/';

    private static bool Overlaps(List<CommentSecret> found, CommentSecret pair)
    {
        foreach (var existing in found)
        {
            if (pair.Start < existing.Start + existing.Length && existing.Start < pair.Start + pair.Length)
            {
                return true;
            }
        }

        return false;
    }
}
