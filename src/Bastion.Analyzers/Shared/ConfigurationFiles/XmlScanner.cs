using System.Collections.Generic;
using System.Text;

namespace Bastion.Analyzers.Shared.ConfigurationFiles;

/// <summary>A tolerant reader of the start tags of an XML configuration file: comments, CDATA, processing
/// instructions and DOCTYPEs are skipped; every attribute value, and the text of every element that holds only text,
/// comes with its exact span. One pass, no recursion,
/// nesting bounded; malformed or truncated input ends the scan quietly.</summary>
internal static class XmlScanner
{
    private const int MaxDepth = 256;
    private const int MaxAttributes = 100_000;

    public static void Scan(string text, List<XmlAttributeValue> attributes)
    {
        var stack = new List<string>();
        var i = 0;
        while (i < text.Length && attributes.Count < MaxAttributes)
        {
            var open = text.IndexOf('<', i);
            if (open < 0 || open + 1 >= text.Length)
            {
                return;
            }

            if (StartsWith(text, open, "<!--"))
            {
                i = Skip(text, open, "-->");
                continue;
            }

            if (StartsWith(text, open, "<![CDATA["))
            {
                i = Skip(text, open, "]]>");
                continue;
            }

            if (text[open + 1] is '?' or '!')
            {
                i = Skip(text, open, ">");
                continue;
            }

            if (text[open + 1] == '/')
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                i = Skip(text, open, ">");
                continue;
            }

            i = ReadStartTag(text, open + 1, stack, attributes);
        }
    }

    private static int ReadStartTag(string text, int start, List<string> stack, List<XmlAttributeValue> attributes)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('>' or '/'))
        {
            i++;
        }

        var element = text.Substring(start, i - start);
        var found = new List<(string Name, string Value, int Start, int Length)>();
        while (i < text.Length && text[i] is not ('>' or '<'))
        {
            if (text[i] == '/' || char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or '>' or '/' or '<') && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text.Substring(nameStart, i - nameStart);
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] is not ('"' or '\''))
            {
                continue;
            }

            var quote = text[i];
            var valueStart = i + 1;
            var valueEnd = text.IndexOf(quote, valueStart);
            if (valueEnd < 0)
            {
                return text.Length;
            }

            found.Add((name, Decode(text, valueStart, valueEnd), valueStart, valueEnd - valueStart));
            i = valueEnd + 1;
        }

        var selfClosing = i > 0 && i - 1 < text.Length && text[i - 1] == '/';
        var path = stack.Count == 0 ? element : string.Join("/", stack) + "/" + element;
        var siblings = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value, _, _) in found)
        {
            siblings[name] = value;
        }

        foreach (var (name, value, valueStart, length) in found)
        {
            attributes.Add(new XmlAttributeValue(path, element, name, value, valueStart, length, siblings));
        }

        if (!selfClosing && stack.Count < MaxDepth)
        {
            stack.Add(element);
        }

        var end = i < text.Length && text[i] == '>' ? i + 1 : i;
        if (!selfClosing && end > i)
        {
            AddElementText(text, end, path, element, siblings, attributes);
        }

        return end;
    }

    /// <summary>The text between a start tag and its own end tag, when there is nothing else in between (no child).</summary>
    private static void AddElementText(string text, int contentStart, string path, string element, Dictionary<string, string> siblings, List<XmlAttributeValue> attributes)
    {
        var close = text.IndexOf('<', contentStart);
        if (close < 0 || close + 2 + element.Length > text.Length || text[close + 1] != '/' ||
            string.CompareOrdinal(text, close + 2, element, 0, element.Length) != 0)
        {
            return;
        }

        var start = contentStart;
        var end = close;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            attributes.Add(new XmlAttributeValue(path, element, element, Decode(text, start, end), start, end - start, siblings, isElementText: true));
        }
    }

    private static string Decode(string text, int start, int end)
    {
        var raw = text.Substring(start, end - start);
        if (raw.IndexOf('&') < 0)
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '&')
            {
                var semicolon = raw.IndexOf(';', i);
                if (semicolon > i && semicolon - i <= 10)
                {
                    var entity = raw.Substring(i + 1, semicolon - i - 1);
                    var decoded = entity switch
                    {
                        "amp" => "&", "lt" => "<", "gt" => ">", "quot" => "\"", "apos" => "'",
                        _ when entity.StartsWith("#x", System.StringComparison.Ordinal) && int.TryParse(entity.Substring(2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var hex) => ((char)hex).ToString(),
                        _ when entity.StartsWith("#", System.StringComparison.Ordinal) && int.TryParse(entity.Substring(1), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var dec) => ((char)dec).ToString(),
                        _ => null,
                    };
                    if (decoded is not null)
                    {
                        builder.Append(decoded);
                        i = semicolon;
                        continue;
                    }
                }
            }

            builder.Append(raw[i]);
        }

        return builder.ToString();
    }

    private static bool StartsWith(string text, int index, string prefix) =>
        string.CompareOrdinal(text, index, prefix, 0, prefix.Length) == 0;

    private static int Skip(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, System.StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }
}
