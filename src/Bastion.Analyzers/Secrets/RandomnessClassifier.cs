using System;

namespace Bastion.Analyzers.Secrets;

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

        int lower = 0, upper = 0, digits = 0, symbols = 0, spaces = 0, slashes = 0;
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
            }
        }

        // Prose, paths and URLs are written by people, whatever their entropy.
        if (spaces > 0 || slashes > 1 || value.IndexOf("://", start, length, StringComparison.Ordinal) >= 0)
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

        return entropy >= entropyThreshold && !IsBase64OfText(value, start, length);
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
