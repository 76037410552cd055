using System;
using System.Collections.Generic;

namespace Bastion.Analyzers.Shared.Credentials;

/// <summary>Finds credentials in connection strings (<c>key=value;</c> pairs with ADO.NET quoting rules) and in URI
/// user-info (<c>scheme://user:password@host</c>). Hand-written, one pass, bounded by the input length.</summary>
internal static class ConnectionStringScanner
{
    /// <summary>Keys whose value is a credential, compared without case, spaces, <c>_</c> or <c>-</c>
    /// (<c>api_key</c>, <c>Api Key</c> and <c>apikey</c> are one key).</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "userpassword", "dbpassword", "accountkey", "sharedaccesskey", "sharedaccesssignature",
        "clientsecret", "secretkey", "accesskey", "apikey", "authtoken", "accesstoken", "credential", "credentials", "privatekey",
        "secret", "token", "auth", "sas",
    };

    /// <summary>Keys that also name ordinary things (a parser's token, an auth scheme): their value must look random.</summary>
    private static readonly HashSet<string> AmbiguousKeys = new(StringComparer.Ordinal) { "secret", "token", "auth", "sas" };

    private static readonly RandomnessClassifier RandomValues = new(3.0, 10);

    /// <summary>A pair outside a connection string (a query string, a lone <c>password=…</c>) names a credential only
    /// with a value at least this long: <c>?user=a&amp;password=b</c> is an example, not a password.</summary>
    private const int MinimumLooseValueLength = 4;

    /// <summary>Adds what <paramref name="text"/> holds. <paramref name="endIsOpen"/>: the text is followed by
    /// non-constant content (<c>"…;Password=" + pwd</c>), so a value that runs to its end is not known.</summary>
    public static void Scan(string text, List<CredentialPart> parts, bool endIsOpen = false)
    {
        if (text.Length > Shared.Formats.TokenScanner.MaxScannedLength)
        {
            return;
        }

        if (text.IndexOf('=') >= 0)
        {
            ScanPairs(text, parts, endIsOpen);
        }

        if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            ScanUris(text, parts, endIsOpen);
        }
    }

    private static void ScanPairs(string text, List<CredentialPart> parts, bool endIsOpen)
    {
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                return;
            }

            // A query or form string (no ';') separates its pairs with '&' and starts them after '?'.
            // (Settings written one per line are pairs, not a query: their values may hold '&' and '?'.)
            var query = text.IndexOf(';') < 0 && text.IndexOf('\n') < 0;
            var keyStart = Math.Max(LastSeparator(text, equals - 1 < position ? position : equals - 1, query) + 1, position);
            var key = text.Substring(keyStart, equals - keyStart).Trim();
            var (valueStart, valueEnd, next) = ReadValue(text, equals + 1, query);
            var normalized = Normalize(key);
            if (normalized is not null && SecretKeys.Contains(normalized) && !IsProseLine(text, keyStart, valueStart, valueEnd) &&
                (AmbiguousKeys.Contains(normalized)
                    ? LooksLikeConnectionString(text) && RandomValues.LooksRandom(text, valueStart, valueEnd - valueStart)
                    : LooksLikeConnectionString(text) && !query || (keyStart == 0 || query) && valueEnd - valueStart >= MinimumLooseValueLength))
            {
                var runsToOpenEnd = endIsOpen && next >= text.Length;
                if (!runsToOpenEnd)
                {
                    parts.Add(new CredentialPart(key, valueStart, valueEnd - valueStart, Classify(text, valueStart, valueEnd)));
                }
            }
            else if (valueStart > 0 && text[valueStart - 1] is '"' or '\'' && IsNestedConnectionString(text, valueStart, valueEnd))
            {
                // Entity Framework's "provider connection string=\"…;password=…\"": a quoted connection string inside one.
                var nested = new List<CredentialPart>();
                ScanPairs(text.Substring(valueStart, valueEnd - valueStart), nested, endIsOpen: false);
                foreach (var part in nested)
                {
                    parts.Add(new CredentialPart(part.Key, valueStart + part.ValueStart, part.ValueLength, part.Kind));
                }
            }

            position = Math.Max(next, equals + 1);
        }
    }

    private static bool IsNestedConnectionString(string text, int start, int end) =>
        end - start > 3 && text.IndexOf('=', start, end - start) >= 0 && text.IndexOf(';', start, end - start) >= 0;

    /// <summary>A line of text such as <c>password = the one you were given</c>: a pair that starts a line and whose value
    /// has spaces is prose or documentation, not a setting.</summary>
    private static bool IsProseLine(string text, int keyStart, int valueStart, int valueEnd)
    {
        var lineStart = keyStart;
        while (lineStart > 0 && text[lineStart - 1] == ' ')
        {
            lineStart--;
        }

        return lineStart > 0 && text[lineStart - 1] is '\n' or '\r' && text.IndexOf(' ', valueStart, valueEnd - valueStart) >= 0;
    }

    /// <summary>Reads a value after <c>=</c>: trimmed, or quoted with <c>'</c> or <c>"</c> (a doubled quote is
    /// a quote). Returns the value's bounds and where the next pair starts.</summary>
    private static int LastSeparator(string text, int from, bool query)
    {
        // A line break separates pairs too: settings written one per line (a multi-line literal, an .env or .ini text).
        var last = Math.Max(text.LastIndexOf(';', from), Math.Max(text.LastIndexOf('\n', from), text.LastIndexOf('\r', from)));
        if (query)
        {
            last = Math.Max(last, Math.Max(text.LastIndexOf('&', from), text.LastIndexOf('?', from)));
        }

        return last;
    }

    /// <summary>The key in lower case without spaces, <c>_</c> or <c>-</c>; null when it is no key (too long, or prose).</summary>
    private static string? Normalize(string key)
    {
        if (key.Length == 0 || key.Length > 40)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('_' or '-' or ' '))
            {
                return null;
            }
        }

        return builder.ToString();
    }

    private static (int Start, int End, int Next) ReadValue(string text, int start, bool query)
    {
        var i = start;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i < text.Length && (text[i] == '\'' || text[i] == '"'))
        {
            var quote = text[i];
            var valueStart = i + 1;
            var j = valueStart;
            while (j < text.Length)
            {
                if (text[j] == quote)
                {
                    if (j + 1 < text.Length && text[j + 1] == quote)
                    {
                        j += 2;
                        continue;
                    }

                    break;
                }

                j++;
            }

            var afterQuote = Math.Min(j + 1, text.Length);
            var semicolon = text.IndexOf(';', afterQuote);
            return (valueStart, Math.Min(j, text.Length), semicolon < 0 ? text.Length : semicolon + 1);
        }

        var end = text.IndexOfAny(query ? QuerySeparators : PairSeparators, i);
        var valueEnd = end < 0 ? text.Length : end;
        var trimmedEnd = valueEnd;
        while (trimmedEnd > i && text[trimmedEnd - 1] == ' ')
        {
            trimmedEnd--;
        }

        return (i, trimmedEnd, end < 0 ? text.Length : end + 1);
    }

    /// <summary>At least two <c>key=value</c> pairs, or one whose key is unmistakable, so that prose and query
    /// strings (<c>?password=</c> in a URL is a URI finding) are not taken for connection strings.</summary>
    private static bool LooksLikeConnectionString(string text)
    {
        var pairs = 0;
        for (var i = 0; i < text.Length && pairs < 2; i++)
        {
            if (text[i] == '=' && (i + 1 >= text.Length || text[i + 1] != '='))
            {
                pairs++;
            }
        }

        return pairs >= 2 || text.IndexOf(';') >= 0;
    }

    private static readonly char[] QuerySeparators = { ';', '&', '\n', '\r' };

    private static readonly char[] PairSeparators = { ';', '\n', '\r' };

    private static void ScanUris(string text, List<CredentialPart> parts, bool endIsOpen)
    {
        var position = 0;
        while (position < text.Length)
        {
            var scheme = text.IndexOf("://", position, StringComparison.Ordinal);
            if (scheme < 0)
            {
                return;
            }

            var authorityStart = scheme + 3;
            var authorityEnd = authorityStart;
            while (authorityEnd < text.Length && text[authorityEnd] is not ('/' or '?' or '#' or ' ' or '"' or '\'' or ';' or ',' or '\n'))
            {
                authorityEnd++;
            }

            var at = text.LastIndexOf('@', authorityEnd - 1, Math.Max(0, authorityEnd - authorityStart));
            if (at > authorityStart)
            {
                var colon = text.IndexOf(':', authorityStart, at - authorityStart);
                if (colon >= authorityStart && !IsTemplateStart(text, authorityStart, colon))
                {
                    // A URI inside prose or markup ("Connect with ftp://user:pass@host") is documentation: an unfilled
                    // password there is an example, not a server that accepts none. A real one is still a finding.
                    var kind = Classify(text, colon + 1, at);
                    if (kind == CredentialPartKind.Secret || !IsInsideText(text, scheme))
                    {
                        parts.Add(new CredentialPart("password", colon + 1, at - colon - 1, kind));
                    }
                }
            }
            else if (endIsOpen && authorityEnd >= text.Length)
            {
                return;
            }

            position = Math.Max(authorityEnd, authorityStart);
        }
    }

    /// <summary>Whether the URI starting before <paramref name="scheme"/> is part of a sentence or markup: the text has a
    /// space or a tag before it.</summary>
    private static bool IsInsideText(string text, int scheme)
    {
        for (var i = 0; i < scheme; i++)
        {
            if (text[i] is ' ' or '<' or '>' or '\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>{user}:{password}@</c>, <c>${USER}:…</c>, <c>%USER%:…</c>: the user-info is a template.</summary>
    private static bool IsTemplateStart(string text, int userStart, int colon) =>
        colon > userStart && text[userStart] is '{' or '$' or '%' or '<';

    private static CredentialPartKind Classify(string text, int start, int end)
    {
        var value = text.Substring(start, end - start).Trim();
        if (value.Length == 0)
        {
            return CredentialPartKind.Empty;
        }

        if (CredentialValues.IsSubstitution(value))
        {
            return CredentialPartKind.Substituted;
        }

        return CredentialValues.IsPlaceholder(value) || string.Equals(value, "password", StringComparison.OrdinalIgnoreCase) ||
               string.Equals(value, "pass", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "pwd", StringComparison.OrdinalIgnoreCase)
            ? CredentialPartKind.Placeholder
            : CredentialPartKind.Secret;
    }
}
