using System;

namespace Bastion.Analyzers.Shared.Credentials;

/// <summary>Decides whether a value looks machine-generated (a key or token) rather than written by a person:
/// Shannon entropy per character, a mix of character classes, and no sign of being a word, a path, a URL, prose
/// or base64-encoded text. Allocation-free except for the base64 check, which runs only on base64-shaped values.</summary>
internal sealed class RandomnessClassifier
{
    public const double DefaultEntropyThreshold = 3.5;
    public const int DefaultMinimumLength = 16;

    /// <summary>Values longer than this are not measured (no credential is that long; bounds the work).</summary>
    private const int MaxLength = 4096;

    private readonly double entropyThreshold;
    private readonly int minimumLength;

    public RandomnessClassifier(double entropyThreshold, int minimumLength)
    {
        this.entropyThreshold = entropyThreshold;
        this.minimumLength = minimumLength;
    }

    public bool LooksRandom(string value) => LooksRandom(value, 0, value.Length);

    public bool LooksRandom(string value, int start, int length)
    {
        if (length < minimumLength || length > MaxLength)
        {
            return false;
        }

        int lower = 0, upper = 0, digits = 0, symbols = 0, spaces = 0, slashes = 0, nonTokenCharacters = 0;
        var counts = new int[128];
        for (var i = start; i < start + length; i++)
        {
            var c = value[i];
            if (c >= 128)
            {
                return false;
            }

            counts[c]++;
            if (c >= 'a' && c <= 'z')
            {
                lower++;
            }
            else if (c >= 'A' && c <= 'Z')
            {
                upper++;
            }
            else if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
            else
            {
                symbols++;
                slashes += c is '/' or '\\' ? 1 : 0;
                nonTokenCharacters += c is '+' or '/' or '=' or '_' or '-' or '.' or '~' ? 0 : 1;
            }
        }

        // Prose, paths and URLs are written by people, whatever their entropy; generated keys and tokens use a token
        // alphabet (base64, base64url, hex), so punctuation such as a regex's [ ] { } ^ $ rules a value out.
        if (spaces > 0 || slashes > 1 || nonTokenCharacters > 0 || value.IndexOf("://", start, length, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var classes = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digits > 0 ? 1 : 0) + (symbols > 0 ? 1 : 0);
        if (classes < 2 || (digits == 0 && symbols == 0))
        {
            return false;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / length;
                entropy -= p * Math.Log(p, 2);
            }
        }

        return entropy >= entropyThreshold && !IsMostlyWords(value, start, length) && !IsBase64OfText(value, start, length) &&
               !IsEncodedMedia(value, start);
    }

    /// <summary>Identifiers, resource names, MIME types and key names (<c>Contoso.Shop.Resources</c>,
    /// <c>API-GATEWAY-ENDPOINT</c>): at least 70% of the characters are in pronounceable words of three or more
    /// letters. Random strings split into short fragments and never reach that.</summary>
    internal static bool IsMostlyWords(string value, int start, int length)
    {
        var words = Infrastructure.IdentifierWords.Split(value.Substring(start, length));
        var inWords = 0;
        foreach (var word in words)
        {
            if (word.Length >= 3 && IsPronounceable(word))
            {
                inWords += word.Length;
            }
        }

        return inWords * 10 >= length * 7;
    }

    /// <summary>Letters only, with a vowel, and no run of more than five consonants ("strings" yes, "zrqkt" no).</summary>
    private static bool IsPronounceable(string word)
    {
        int vowels = 0, consonantRun = 0;
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }

            var isVowel = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            vowels += isVowel ? 1 : 0;
            consonantRun = isVowel ? 0 : consonantRun + 1;
            if (consonantRun > 5)
            {
                return false;
            }
        }

        return vowels > 0;
    }

    /// <summary>Base64 of a PNG, JPEG, GIF, PDF or ZIP file: an embedded file, not a key.</summary>
    private static bool IsEncodedMedia(string value, int start)
    {
        foreach (var magic in new[] { "iVBORw0KGgo", "/9j/", "R0lGOD", "JVBERi", "UEsDB", "AAABAA" })
        {
            if (string.CompareOrdinal(value, start, magic, 0, magic.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Base64 that decodes to mostly printable text (<c>"SGVsbG8gd29ybGQ="</c>) is an encoding, not a key.</summary>
    internal static bool IsBase64OfText(string value, int start, int length)
    {
        if (length % 4 != 0)
        {
            return false;
        }

        for (var i = start; i < start + length; i++)
        {
            var c = value[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
            {
                return false;
            }
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value.Substring(start, length));
        }
        catch (FormatException)
        {
            return false;
        }

        var printable = 0;
        foreach (var b in bytes)
        {
            printable += b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t' ? 1 : 0;
        }

        return bytes.Length > 0 && printable * 10 >= bytes.Length * 9;
    }
}
