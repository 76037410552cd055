using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.ConfigurationIntegrity;

/// <summary>A connection string written as a concatenation or interpolation, read as <c>keyword=value</c> pairs whose
/// keywords are constant text and whose values are constant text and expressions.</summary>
internal static class ConnectionStringTemplate
{
    internal sealed class Pair
    {
        public Pair(string keyword, IReadOnlyList<object> parts, bool isStringValued)
        {
            Keyword = keyword;
            Parts = parts;
            IsStringValued = isStringValued;
        }

        public string Keyword { get; }

        /// <summary>Strings (constant text) and <see cref="ExpressionSyntax"/> (holes), in order.</summary>
        public IReadOnlyList<object> Parts { get; }

        public bool IsStringValued { get; }

        public string? ConstantValue => Parts.All(p => p is string) ? string.Concat(Parts.Cast<string>()) : null;

        public ExpressionSyntax ValueExpression() => TextTemplate.Concatenate(Parts);
    }

    /// <summary>The pairs, or null when the expression is not a template the fix can read (a hole in a keyword, a quoted
    /// value, a formatted interpolation).</summary>
    public static List<Pair>? Parse(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var segments = new List<object>();
        if (!TextTemplate.Flatten(expression, model, segments, constants: false, cancellationToken) || !segments.Any(s => s is ExpressionSyntax) || !segments.Any(s => s is string text && text.Contains("=")))
        {
            return null;
        }

        var pairs = new List<Pair>();
        var keyword = new StringBuilder();
        var value = new List<object>();
        var inValue = false;
        var stringValued = true;

        bool Complete()
        {
            var name = keyword.ToString().Trim();
            if (name.Length == 0 && value.Count == 0)
            {
                return true;
            }

            if (!inValue || name.Length == 0)
            {
                return false;
            }

            TrimEdges(value);
            if (value.FirstOrDefault() is string first && (first.StartsWith("'", StringComparison.Ordinal) || first.StartsWith("\"", StringComparison.Ordinal)))
            {
                return false;
            }

            pairs.Add(new Pair(name, value.ToList(), stringValued));
            keyword.Clear();
            value.Clear();
            inValue = false;
            stringValued = true;
            return true;
        }

        foreach (var segment in segments)
        {
            if (segment is ExpressionSyntax hole)
            {
                if (!inValue)
                {
                    return null;
                }

                value.Add(hole);
                stringValued &= model.GetTypeInfo(hole, cancellationToken).ConvertedType?.SpecialType == SpecialType.System_String ||
                    model.GetTypeInfo(hole, cancellationToken).Type?.SpecialType == SpecialType.System_String;
                continue;
            }

            foreach (var character in (string)segment)
            {
                if (character == ';')
                {
                    if (!Complete())
                    {
                        return null;
                    }
                }
                else if (character == '=' && !inValue)
                {
                    inValue = true;
                }
                else if (inValue)
                {
                    if (value.Count > 0 && value[value.Count - 1] is string previous)
                    {
                        value[value.Count - 1] = previous + character;
                    }
                    else
                    {
                        value.Add(character.ToString());
                    }
                }
                else
                {
                    keyword.Append(character);
                }
            }
        }

        return Complete() ? pairs : null;
    }

    private static void TrimEdges(List<object> value)
    {
        if (value.Count > 0 && value[0] is string first)
        {
            value[0] = first.TrimStart();
        }

        if (value.Count > 0 && value[value.Count - 1] is string last)
        {
            value[value.Count - 1] = last.TrimEnd();
        }

        value.RemoveAll(p => p is string { Length: 0 });
    }
}
