using System.Text;

namespace Bastion.Benchmarks;

/// <summary>Generated shapes that stress the taint engine, for <c>--scaling</c>: one long method, a long call chain, many
/// small flows. Each grows with its argument, so the time per unit shows whether the cost stays linear.</summary>
internal static class ScalingShapes
{
    /// <summary>One method of <paramref name="statements"/> statements: untrusted input copied, concatenated, branched on
    /// and looped over, reaching a connection string at the end.</summary>
    public static IReadOnlyList<(string Path, string Text)> LongMethod(int statements)
    {
        var body = new StringBuilder();
        body.AppendLine("        var value = Console.ReadLine() ?? \"\";");
        body.AppendLine("        var text = \"\";");
        for (var s = 0; s < statements; s++)
        {
            body.AppendLine((s % 5) switch
            {
                0 => $"        var v{s} = value + \"-{s}\";",
                1 => $"        if (v{s - 1}.Length > {s % 17}) {{ text = v{s - 1}; }} else {{ text = \"c{s}\"; }}",
                2 => $"        for (var i{s} = 0; i{s} < 2; i{s}++) {{ value = value.Trim(); }}",
                3 => $"        var n{s} = text.Length + {s};",
                _ => $"        value = n{s - 1} > 0 ? text : value;",
            });
        }

        return new[] { ("LongMethod.cs", $$"""
            using System;
            using System.Data.Common;
            static class LongMethod
            {
                static void Run(DbConnection connection)
                {
            {{body}}
                    connection.ConnectionString = "Server=" + value;
                }
            }
            """) };
    }

    /// <summary>A chain of <paramref name="methods"/> methods across classes, each passing untrusted input on to the next;
    /// the last one sets a connection string.</summary>
    public static IReadOnlyList<(string Path, string Text)> CallChain(int methods)
    {
        var text = new StringBuilder("using System;\nusing System.Data.Common;\n");
        text.AppendLine("static class Entry { static void Main() => Step0.Run(Console.ReadLine() ?? \"\"); }");
        for (var m = 0; m < methods; m++)
        {
            var next = m + 1 < methods ? $"Step{m + 1}.Run(\"x\" + value);" : "new Sink().Open(value);";
            text.AppendLine($"static class Step{m} {{ public static void Run(string value) {{ var copy = value.Trim(); {next.Replace("value", "copy", StringComparison.Ordinal)} }} }}");
        }

        text.AppendLine("sealed class Sink { private readonly DbConnectionStringBuilder builder = new(); public void Open(string value) => builder.ConnectionString = value; }");
        return new[] { ("Chain.cs", text.ToString()) };
    }

    /// <summary><paramref name="methods"/> small methods, each with its own flow from a source to a sink (half of them
    /// validated), in classes of 50.</summary>
    public static IReadOnlyList<(string Path, string Text)> ManyMethods(int methods)
    {
        var files = new List<(string, string)>();
        for (var start = 0; start < methods; start += 50)
        {
            var text = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing System.Data.Common;\n");
            text.AppendLine($"sealed class Flows{start}");
            text.AppendLine("{");
            text.AppendLine("    private static readonly HashSet<string> Allowed = new() { \"a\", \"b\" };");
            for (var m = start; m < Math.Min(methods, start + 50); m++)
            {
                text.AppendLine(m % 2 == 0
                    ? $"    public void M{m}(DbConnection c) {{ var v = Environment.GetEnvironmentVariable(\"V{m}\") ?? \"\"; if (Allowed.Contains(v)) {{ c.ConnectionString = \"Server=\" + v; }} }}"
                    : $"    public void M{m}(DbConnection c) {{ var v = Console.ReadLine() ?? \"\"; var w = v + \";{m}\"; c.ConnectionString = w; }}");
            }

            text.AppendLine("}");
            files.Add(($"Flows{start}.cs", text.ToString()));
        }

        return files;
    }
}
