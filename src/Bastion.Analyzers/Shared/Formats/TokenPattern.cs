using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Bastion.Analyzers.Shared.Formats;

/// <summary>A token pattern written as text with <c>{class:n}</c> or <c>{class:min-max}</c> runs, e.g.
/// <c>ghp_{b62:30}{b62:6}</c>. Parsed once, matched by hand (no regex), in bounded time.</summary>
internal sealed class TokenPattern
{
    private static readonly Dictionary<string, CharClass> ClassNames = new(StringComparer.Ordinal)
    {
        ["b62"] = CharClass.Base62, ["b64u"] = CharClass.Base64Url, ["b64"] = CharClass.Base64, ["pem"] = CharClass.PemBody,
        ["hex"] = CharClass.Hex, ["hexl"] = CharClass.HexLower, ["hexu"] = CharClass.HexUpper, ["dig"] = CharClass.Digits,
        ["ualnum"] = CharClass.UpperAlnum, ["lalnum"] = CharClass.LowerAlnum, ["b32u"] = CharClass.Base32Upper,
        ["alpha"] = CharClass.Alpha, ["bech32"] = CharClass.Bech32Upper, ["entra"] = CharClass.EntraSecret,
        ["b62pct"] = CharClass.Base62Percent,
    };

    private TokenPattern(string text, ImmutableArray<Segment> segments)
    {
        Text = text;
        Segments = segments;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].IsLiteral)
            {
                AnchorIndex = i;
                break;
            }

            MinBeforeAnchor += segments[i].Min;
            MaxBeforeAnchor += segments[i].Max;
        }

        foreach (var segment in segments)
        {
            MinLength += segment.Min;
        }

        if (AnchorIndex < 0 || Anchor.Length < 2)
        {
            throw new ArgumentException($"Pattern '{text}' needs a literal of at least two characters to anchor on.");
        }
    }

    public string Text { get; }

    public ImmutableArray<Segment> Segments { get; }

    /// <summary>Index of the first literal segment: the text the matcher searches for.</summary>
    public int AnchorIndex { get; } = -1;

    public string Anchor => Segments[AnchorIndex].Literal!;

    public int MinBeforeAnchor { get; }

    public int MaxBeforeAnchor { get; }

    public int MinLength { get; }

    public static TokenPattern Parse(string text)
    {
        var segments = ImmutableArray.CreateBuilder<Segment>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '{')
            {
                literal.Append(text[i]);
                continue;
            }

            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                throw new FormatException($"Unclosed run in pattern '{text}'.");
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString()));
                literal.Clear();
            }

            var spec = text.Substring(i + 1, close - i - 1).Split(':');
            var lengths = spec[1].Split('-');
            var min = int.Parse(lengths[0], System.Globalization.CultureInfo.InvariantCulture);
            var max = lengths.Length > 1 ? int.Parse(lengths[1], System.Globalization.CultureInfo.InvariantCulture) : min;
            segments.Add(new Segment(ClassNames[spec[0]], min, max));
            i = close;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString()));
        }

        return new TokenPattern(text, segments.ToImmutable());
    }

    public static bool IsInClass(CharClass charClass, char c) => charClass switch
    {
        CharClass.Base62 => IsAsciiLetterOrDigit(c),
        CharClass.Base64Url => IsAsciiLetterOrDigit(c) || c == '-' || c == '_',
        CharClass.Base64 => IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=',
        CharClass.PemBody => IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\\',
        CharClass.Hex => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'),
        CharClass.HexLower => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'),
        CharClass.HexUpper => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'),
        CharClass.Digits => c >= '0' && c <= '9',
        CharClass.UpperAlnum => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'),
        CharClass.LowerAlnum => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'),
        CharClass.Base32Upper => (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'),
        CharClass.Alpha => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'),
        CharClass.Bech32Upper => "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".IndexOf(c) >= 0,
        CharClass.EntraSecret => IsAsciiLetterOrDigit(c) || c == '_' || c == '~' || c == '.' || c == '-',
        CharClass.Base62Percent => IsAsciiLetterOrDigit(c) || c == '%',
        _ => false,
    };

    /// <summary>Matches the whole pattern starting at <paramref name="start"/>; <paramref name="budget"/> bounds
    /// the work (each character examined costs one step) so that no input can make matching slow.</summary>
    public bool TryMatchAt(string text, int start, ref int budget, out int end) => TryMatchFrom(text, 0, start, ref budget, out end);

    private bool TryMatchFrom(string text, int segmentIndex, int position, ref int budget, out int end)
    {
        end = position;
        if (segmentIndex == Segments.Length)
        {
            return true;
        }

        var segment = Segments[segmentIndex];
        if (segment.IsLiteral)
        {
            var literal = segment.Literal!;
            budget -= literal.Length;
            if (budget < 0 || position + literal.Length > text.Length || string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
            {
                return false;
            }

            return TryMatchFrom(text, segmentIndex + 1, position + literal.Length, ref budget, out end);
        }

        var run = 0;
        while (run < segment.Max && position + run < text.Length && IsInClass(segment.Class, text[position + run]))
        {
            run++;
        }

        budget -= run + 1;
        for (var length = run; length >= segment.Min && budget >= 0; length--)
        {
            if (TryMatchFrom(text, segmentIndex + 1, position + length, ref budget, out end))
            {
                return true;
            }

            budget--;
        }

        return false;
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
