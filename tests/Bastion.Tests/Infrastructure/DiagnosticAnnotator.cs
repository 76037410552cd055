using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Tests.Infrastructure;

/// <summary>Failure output: each file's source with <c>^^^ ID: message</c> under the span of every diagnostic.</summary>
public static class DiagnosticAnnotator
{
    public sealed record Mark(string Path, TextSpan Span, string Label);

    public static string Annotate(IReadOnlyDictionary<string, string> sources, IEnumerable<Mark> marks)
    {
        var builder = new StringBuilder();
        // Diagnostics without a location (compilation-wide) have no line to stand under; they are listed by Describe.
        var byPath = marks.Where(m => !string.IsNullOrEmpty(m.Path)).GroupBy(m => m.Path).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (path, source) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!byPath.TryGetValue(path, out var fileMarks))
            {
                continue;
            }

            builder.Append(path).Append('\n');
            var text = SourceText.From(source);
            foreach (var line in text.Lines)
            {
                var number = (line.LineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4);
                builder.Append(number).Append(" | ").Append(line.ToString()).Append('\n');
                foreach (var mark in fileMarks.Where(m => Touches(m.Span, line)))
                {
                    var start = Math.Max(mark.Span.Start, line.Start) - line.Start;
                    var end = Math.Min(mark.Span.End, line.End) - line.Start;
                    builder.Append("     | ").Append(' ', start).Append('^', Math.Max(1, end - start)).Append(' ').Append(mark.Label).Append('\n');
                }
            }
        }

        return builder.ToString();
    }

    public static Mark ToMark(Diagnostic diagnostic) =>
        new(diagnostic.Location.GetLineSpan().Path, diagnostic.Location.SourceSpan, diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static bool Touches(TextSpan span, TextLine line) =>
        span.Start <= line.End && span.End >= line.Start && !(span.Length > 0 && span.End == line.Start && line.Start != line.End);
}
