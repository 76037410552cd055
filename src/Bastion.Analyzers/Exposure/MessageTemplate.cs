using System.Collections.Generic;

namespace Bastion.Analyzers.Exposure;

/// <summary>The placeholders of a structured-logging message template (<c>{User}</c>, <c>{@Account}</c>, <c>{0}</c>;
/// <c>{{</c> is a brace), in order, each with its braces. A hand-written scan, bounded by the template's length.</summary>
internal static class MessageTemplate
{
    public static List<(int Start, int Length)> Holes(string template)
    {
        var holes = new List<(int, int)>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }

            // An unclosed brace runs to the end: still a placeholder, as the logging libraries read it.
            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                holes.Add((i, template.Length - i));
                break;
            }

            holes.Add((i, close - i + 1));
            i = close;
        }

        return holes;
    }
}
