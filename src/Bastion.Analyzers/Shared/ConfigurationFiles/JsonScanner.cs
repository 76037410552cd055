using System.Collections.Generic;
using System.Text;

namespace Bastion.Analyzers.Shared.ConfigurationFiles;

/// <summary>A tolerant JSON reader for configuration files: comments and trailing commas as <c>appsettings.json</c>
/// allows, exact spans for every string value, and no exception, recursion or backtracking on malformed, truncated,
/// huge or deeply nested input: one pass, each character read once, nesting kept on an explicit stack whose depth is
/// bounded (deeper values are skipped, not read).</summary>
internal static class JsonScanner
{
    public const int MaxDepth = 64;

    /// <summary>Nesting deeper than this is counted, not stored, so memory stays bounded on <c>[[[[…</c>.</summary>
    private const int MaxStoredDepth = 1024;
    public const int MaxValues = 100_000;

    private enum Container
    {
        Object,
        Array,
    }

    public static void Scan(string text, List<ConfigurationValue> values)
    {
        var containers = new List<Container>();
        var keys = new List<string>();
        var indexes = new List<int>();
        string? pendingKey = null;
        var expectKey = false;
        var overflow = 0;
        var i = 0;
        while (i < text.Length && values.Count < MaxValues)
        {
            var c = text[i];
            switch (c)
            {
                case '{':
                case '[':
                    if (containers.Count >= MaxStoredDepth)
                    {
                        overflow++;
                        i++;
                        break;
                    }

                    keys.Add(pendingKey ?? ElementIndex(containers, indexes));
                    containers.Add(c == '{' ? Container.Object : Container.Array);
                    indexes.Add(0);
                    pendingKey = null;
                    expectKey = c == '{';
                    i++;
                    break;
                case '}':
                case ']':
                    if (overflow > 0)
                    {
                        overflow--;
                    }
                    else if (containers.Count > 0)
                    {
                        containers.RemoveAt(containers.Count - 1);
                        keys.RemoveAt(keys.Count - 1);
                        indexes.RemoveAt(indexes.Count - 1);
                    }

                    pendingKey = null;
                    expectKey = false;
                    i++;
                    break;
                case ',':
                    if (containers.Count > 0 && containers[containers.Count - 1] == Container.Array)
                    {
                        indexes[indexes.Count - 1]++;
                    }

                    pendingKey = null;
                    expectKey = containers.Count > 0 && containers[containers.Count - 1] == Container.Object;
                    i++;
                    break;
                case ':':
                    expectKey = false;
                    i++;
                    break;
                case '"':
                case '\'':
                    var (decoded, contentStart, contentEnd, next) = ReadString(text, i);
                    i = next;
                    if (expectKey || IsFollowedByColon(text, i))
                    {
                        pendingKey = decoded;
                        expectKey = false;
                    }
                    else if (containers.Count <= MaxDepth)
                    {
                        // An element of an array is named by its index in the path and judged by the array's key.
                        var inArray = pendingKey is null && containers.Count > 0 && containers[containers.Count - 1] == Container.Array;
                        var key = pendingKey ?? (keys.Count > 0 ? keys[keys.Count - 1] : string.Empty);
                        var last = inArray ? ElementIndex(containers, indexes) : pendingKey;
                        values.Add(new ConfigurationValue(JoinPath(keys, last), key, decoded, contentStart, contentEnd - contentStart));
                        pendingKey = null;
                    }

                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                    i = close < 0 ? text.Length : close + 2;
                    break;
                default:
                    // Numbers, true/false/null and anything malformed: not strings, nothing to report.
                    if (!char.IsWhiteSpace(c) && pendingKey is not null && !expectKey)
                    {
                        while (i < text.Length && text[i] is not (',' or '}' or ']' or '\n'))
                        {
                            i++;
                        }

                        pendingKey = null;
                        break;
                    }

                    i++;
                    break;
            }
        }
    }

    /// <summary>The index of the next element when the innermost container is an array (.NET configuration names
    /// array elements <c>Section:0</c>), else nothing.</summary>
    private static string ElementIndex(List<Container> containers, List<int> indexes) =>
        containers.Count > 0 && containers[containers.Count - 1] == Container.Array
            ? indexes[indexes.Count - 1].ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;

    private static bool IsFollowedByColon(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] == ':';
    }

    private static string JoinPath(List<string> keys, string? last)
    {
        var builder = new StringBuilder();
        foreach (var key in keys)
        {
            if (key.Length > 0)
            {
                builder.Append(builder.Length > 0 ? ":" : string.Empty).Append(key);
            }
        }

        if (last is not null)
        {
            builder.Append(builder.Length > 0 ? ":" : string.Empty).Append(last);
        }

        return builder.ToString();
    }

    /// <summary>Reads a string from its opening quote; an unterminated one ends at the line end. Returns the decoded
    /// text, the span of its raw content, and where reading continues.</summary>
    private static (string Decoded, int ContentStart, int ContentEnd, int Next) ReadString(string text, int quote)
    {
        var delimiter = text[quote];
        var builder = new StringBuilder();
        var i = quote + 1;
        while (i < text.Length && text[i] != delimiter && text[i] != '\n')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var escaped = text[i + 1];
                switch (escaped)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u' when i + 5 < text.Length && int.TryParse(text.Substring(i + 2, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                        builder.Append((char)code);
                        i += 4;
                        break;
                    default: builder.Append(escaped); break;
                }

                i += 2;
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        var contentEnd = i;
        if (i < text.Length && text[i] == delimiter)
        {
            i++;
        }

        return (builder.ToString(), quote + 1, contentEnd, i);
    }
}
