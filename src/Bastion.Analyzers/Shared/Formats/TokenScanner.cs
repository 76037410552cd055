using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Bastion.Analyzers.Shared.Formats;

/// <summary>Finds catalogue tokens in a string in one pass: a table indexed by two ASCII characters names the
/// formats whose anchor text starts there, so most positions cost two array reads and nothing is allocated
/// unless a candidate matches. All work on one string is bounded by a step budget linear in its length.</summary>
internal sealed class TokenScanner
{
    /// <summary>Strings longer than this are scanned only up to this many characters (10 MB literals exist).</summary>
    public const int MaxScannedLength = 1 << 20;

    private static readonly string[] PlaceholderMarkers =
    {
        "example", "xxxxx", "*****", "00000000", "12345678", "abcdefgh", "redacted", "placeholder", "dummy", "sample",
        "fake", "your_", "your-", "insert", "replace", "changeme",
    };

    private readonly TokenFormat[]?[] byAnchorStart = new TokenFormat[]?[128 * 128];

    public TokenScanner(ImmutableArray<TokenFormat> formats)
    {
        Formats = formats;
        MinLength = int.MaxValue;
        var lists = new Dictionary<int, List<TokenFormat>>();
        foreach (var format in formats)
        {
            MinLength = Math.Min(MinLength, format.Pattern.MinLength);
            var anchor = format.Pattern.Anchor;
            var key = (anchor[0] * 128) + anchor[1];
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = new List<TokenFormat>();
            }

            list.Add(format);
        }

        foreach (var pair in lists)
        {
            byAnchorStart[pair.Key] = pair.Value.ToArray();
        }
    }

    public static TokenScanner Default { get; } = new(TokenCatalog.All);

    public ImmutableArray<TokenFormat> Formats { get; }

    /// <summary>No format matches a string shorter than this: the caller's cheapest filter.</summary>
    public int MinLength { get; }

    /// <summary>Adds up to <paramref name="maxMatches"/> non-overlapping matches, left to right.</summary>
    public void FindAll(string text, List<TokenMatch> matches, int maxMatches = 16)
    {
        List<TokenMatch>? found = matches;
        FindAll(text, ref found, maxMatches);
    }

    /// <summary>The allocation-free form for hot paths: <paramref name="matches"/> is created only when something
    /// matches, so the common case (a literal with no token) allocates nothing.</summary>
    /// <param name="includeUnverified">Also the matches whose checksum fails (<see cref="TokenMatch.Unverified"/>).</param>
    public void FindAll(string text, ref List<TokenMatch>? matches, int maxMatches = 16, bool includeUnverified = false)
    {
        var length = Math.Min(text.Length, MaxScannedLength);
        if (length < MinLength)
        {
            return;
        }

        var budget = (64 * length) + 10_000;
        var count = matches?.Count ?? 0;
        for (var i = 0; i + 1 < length && budget > 0 && count < maxMatches; i++)
        {
            var c1 = text[i];
            var c2 = text[i + 1];
            if (c1 >= 128 || c2 >= 128 || byAnchorStart[(c1 * 128) + c2] is not { } candidates)
            {
                continue;
            }

            var previousEnd = count == 0 ? 0 : matches![count - 1].Start + matches[count - 1].Length;
            foreach (var format in candidates)
            {
                if (TryMatchAnchoredAt(text, length, format, i, previousEnd, includeUnverified, ref budget, out var match))
                {
                    (matches ??= new List<TokenMatch>()).Add(match);
                    count++;
                    i = match.Start + match.Length - 1;
                    break;
                }
            }
        }
    }

    public bool ContainsToken(string text)
    {
        List<TokenMatch>? matches = null;
        FindAll(text, ref matches, maxMatches: 1);
        return matches is not null;
    }

    private static bool TryMatchAnchoredAt(string text, int length, TokenFormat format, int anchorPosition, int notBefore, bool includeUnverified, ref int budget, out TokenMatch match)
    {
        match = default;
        var pattern = format.Pattern;
        var anchor = pattern.Anchor;
        budget -= anchor.Length;
        if (anchorPosition + anchor.Length > length || string.CompareOrdinal(text, anchorPosition, anchor, 0, anchor.Length) != 0)
        {
            return false;
        }

        var firstStart = Math.Max(notBefore, anchorPosition - pattern.MaxBeforeAnchor);
        for (var start = anchorPosition - pattern.MinBeforeAnchor; start >= firstStart && budget > 0; start--)
        {
            if (!StartsAtBoundary(text, start, pattern) || !pattern.TryMatchAt(text, start, ref budget, out var end) ||
                end > length || !EndsAtBoundary(text, end, length, pattern))
            {
                continue;
            }

            if (IsValid(text, start, end, format))
            {
                match = new TokenMatch(format, start, end - start);
                return true;
            }

            if (includeUnverified && format.Validation == TokenValidation.Crc32Base62 && LooksRandom(text, start, end, format))
            {
                match = new TokenMatch(format, start, end - start, unverified: true);
                return true;
            }
        }

        return false;
    }

    private static bool StartsAtBoundary(string text, int start, TokenPattern pattern)
    {
        var first = pattern.Segments[0];
        if (first.IsLiteral && !IsAsciiLetterOrDigit(first.Literal![0]))
        {
            return true;
        }

        return start == 0 || !(IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] == '_');
    }

    private static bool EndsAtBoundary(string text, int end, int length, TokenPattern pattern)
    {
        var last = pattern.Segments[pattern.Segments.Length - 1];
        return last.IsLiteral || end >= length || !TokenPattern.IsInClass(last.Class, text[end]);
    }

    private static bool IsValid(string text, int start, int end, TokenFormat format) => format.Validation switch
    {
        TokenValidation.Crc32Base62 => HasCrc32Checksum(text, end) && LooksRandom(text, start, end, format),
        TokenValidation.JwtHeader => IsJwtHeader(text, start) && LooksRandom(text, start, end, format),
        TokenValidation.PrivateKeyBlock => IsPrivateKeyBody(text, start + format.Pattern.Anchor.Length, end),
        _ => LooksRandom(text, start, end, format),
    };

    /// <summary>Random-looking outside the anchor: enough distinct characters, letters and digits both present
    /// where the alphabet has both, and no placeholder marker (<c>EXAMPLE</c>, <c>xxxxx</c>, <c>your_</c>…).</summary>
    internal static bool LooksRandom(string text, int start, int end, TokenFormat format)
    {
        var pattern = format.Pattern;
        var anchorStart = start + pattern.MinBeforeAnchor;
        var anchorEnd = anchorStart + pattern.Anchor.Length;
        ulong seenLow = 0, seenHigh = 0;
        int distinct = 0, digits = 0, letters = 0, counted = 0;
        for (var i = start; i < end; i++)
        {
            if (i >= anchorStart && i < anchorEnd && pattern.MinBeforeAnchor == pattern.MaxBeforeAnchor)
            {
                continue;
            }

            var c = text[i];
            counted++;
            digits += c >= '0' && c <= '9' ? 1 : 0;
            letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1 : 0;
            if (c < 128)
            {
                ref var seen = ref c < 64 ? ref seenLow : ref seenHigh;
                var bit = 1UL << (c & 63);
                if ((seen & bit) == 0)
                {
                    seen |= bit;
                    distinct++;
                }
            }
        }

        if (counted >= 16 && distinct < Math.Min(10, counted / 4))
        {
            return false;
        }

        if (counted >= 16 && MixesLettersAndDigits(pattern) && (digits == 0 || letters == 0))
        {
            return false;
        }

        foreach (var marker in PlaceholderMarkers)
        {
            if (text.IndexOf(marker, start, end - start, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MixesLettersAndDigits(TokenPattern pattern)
    {
        var longest = default(Segment);
        foreach (var segment in pattern.Segments)
        {
            if (!segment.IsLiteral && segment.Max > longest.Max)
            {
                longest = segment;
            }
        }

        return longest.Class is not (CharClass.Digits or CharClass.Alpha or CharClass.Bech32Upper or CharClass.PemBody);
    }

    /// <summary>GitHub-style tokens end in six base62 characters that encode the CRC-32 of the thirty characters
    /// before them. Both base62 digit orders in use are accepted; a random string passes with odds below 10⁻¹⁰.</summary>
    internal static bool HasCrc32Checksum(string text, int end)
    {
        if (end < 36)
        {
            return false;
        }

        var crc = Crc32.Compute(text, end - 36, 30);
        return string.CompareOrdinal(Base62(crc, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), 0, text, end - 6, 6) == 0 ||
               string.CompareOrdinal(Base62(crc, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), 0, text, end - 6, 6) == 0;
    }

    internal static string Base62(uint value, string alphabet)
    {
        var chars = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(chars);
    }

    /// <summary>The first JWT segment must decode to a JSON object naming an <c>alg</c>.</summary>
    private static bool IsJwtHeader(string text, int start)
    {
        var dot = text.IndexOf('.', start);
        if (dot < 0 || dot - start > 4000)
        {
            return false;
        }

        var length = dot - start;
        var padded = new char[length + ((4 - (length % 4)) % 4)];
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] = i < length ? text[start + i] switch { '-' => '+', '_' => '/', var c => c } : '=';
        }

        try
        {
            var header = System.Text.Encoding.UTF8.GetString(Convert.FromBase64CharArray(padded, 0, padded.Length));
            return header.TrimStart().StartsWith("{", StringComparison.Ordinal) && header.IndexOf("\"alg\"", StringComparison.Ordinal) >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A key body, not a header in a parser constant: at least 64 base64 characters and no placeholder.</summary>
    private static bool IsPrivateKeyBody(string text, int bodyStart, int end)
    {
        var base64 = 0;
        for (var i = bodyStart; i < end; i++)
        {
            var c = text[i];
            if (IsAsciiLetterOrDigit(c) || c == '+' || c == '/')
            {
                base64++;
            }
        }

        return base64 >= 64 && text.IndexOf("...", bodyStart, end - bodyStart, StringComparison.Ordinal) < 0 &&
               text.IndexOf("xxxxx", bodyStart, end - bodyStart, StringComparison.OrdinalIgnoreCase) < 0;
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
