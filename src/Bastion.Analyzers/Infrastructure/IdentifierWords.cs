using System.Collections.Generic;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Splits identifiers and configuration keys into lower-case words: camelCase, PascalCase, ACRONYMCase,
/// snake_case, kebab-case, dotted and colon-separated keys (<c>"Db:Password"</c> is <c>db</c>, <c>password</c>).</summary>
internal static class IdentifierWords
{
    /// <summary>Names longer than this are not split (no identifier or key is this long; bounds the work).</summary>
    public const int MaxLength = 256;

    public static List<string> Split(string text)
    {
        var words = new List<string>();
        if (text.Length > MaxLength)
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (!char.IsLetterOrDigit(c))
            {
                Flush(text, ref start, i, words);
                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = text[i - 1];
            var boundary =
                (char.IsLower(previous) && char.IsUpper(c)) ||
                (char.IsLetter(previous) && char.IsDigit(c)) ||
                (char.IsDigit(previous) && char.IsLetter(c)) ||
                (char.IsUpper(previous) && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]));
            if (boundary)
            {
                Flush(text, ref start, i, words);
                start = i;
            }
        }

        return words;
    }

    /// <summary>Letters and digits only, lower-cased: <c>"_api-Key"</c> and <c>"ApiKey"</c> normalize alike.</summary>
    public static string Normalize(string text)
    {
        var chars = new char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars[count++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars, 0, count);
    }

    private static void Flush(string text, ref int start, int end, List<string> words)
    {
        if (start >= 0 && end > start)
        {
            words.Add(text.Substring(start, end - start).ToLowerInvariant());
        }

        start = -1;
    }
}
