using System.Globalization;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The one way any part of Bastion shows a secret: at most a short public prefix (a vendor's token
/// prefix such as <c>ghp_</c>) and the length. Messages, diagnostic properties, SARIF and CLI output all use it.</summary>
internal static class SecretMasker
{
    /// <summary>The most characters of a value that may ever be shown: fewer than 8, so that no 8-character piece of a
    /// secret can appear in any output (the canary tests check exactly that).</summary>
    public const int MaxVisiblePrefix = 7;

    public static string Mask(string? value, int publicPrefixLength = 0)
    {
        if (value is null || value.Length == 0)
        {
            return "(empty)";
        }

        var visible = VisiblePrefixLength(value.Length, publicPrefixLength);
        var length = value.Length.ToString(CultureInfo.InvariantCulture);
        return visible == 0
            ? "*** (" + length + " characters)"
            : value.Substring(0, visible) + "*** (" + length + " characters)";
    }

    /// <summary>Never more than <see cref="MaxVisiblePrefix"/> characters and never more than a quarter of the
    /// value, so that even a short secret keeps most of its characters hidden.</summary>
    internal static int VisiblePrefixLength(int valueLength, int requested)
    {
        if (requested <= 0)
        {
            return 0;
        }

        var limit = valueLength / 4;
        if (limit > MaxVisiblePrefix)
        {
            limit = MaxVisiblePrefix;
        }

        return requested < limit ? requested : limit;
    }
}
