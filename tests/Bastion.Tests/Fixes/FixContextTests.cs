using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Fixes;

/// <summary>Every fix in every kind of type C# allows its finding in — classes, records, structs, readonly record
/// structs, static, partial, nested and generic types, primary constructors, file-scoped namespaces — and in top-level
/// statements: offered, removing the diagnostic, compiling after each step and under Fix All in every scope.</summary>
public sealed class FixContextTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fix in FixCases.All.Keys)
        {
            foreach (var context in Contexts.Keys)
            {
                if (context != TopLevel || FixCases.All[fix].Statements is not null)
                {
                    data.Add(fix, context);
                }
            }
        }

        return data;
    }

    private const string TopLevel = "top-level statements";

    /// <summary>Each context wraps a member written with <c>STATIC </c> where a static member needs the modifier.</summary>
    private static readonly Dictionary<string, Func<string, string>> Contexts = new(StringComparer.Ordinal)
    {
        ["class"] = m => $"public class Host\n{{\n{Instance(m)}\n}}\n",
        ["record with a primary constructor"] = m => $"public sealed record Host(int Id)\n{{\n{Instance(m)}\n}}\n",
        ["struct"] = m => $"public struct Host\n{{\n{Instance(m)}\n}}\n",
        ["readonly record struct"] = m => $"public readonly record struct Host(int Id)\n{{\n{Instance(m)}\n}}\n",
        ["static class"] = m => $"public static class Host\n{{\n{m.Replace("STATIC ", "static ", StringComparison.Ordinal)}\n}}\n",
        ["partial class"] = m => $"public partial class Host\n{{\n{Instance(m)}\n}}\n\npublic partial class Host\n{{\n    public int Other() => 1;\n}}\n",
        ["nested in a generic type"] = m => $"public class Outer<T> where T : class\n{{\n    public sealed class Host\n    {{\n{Instance(m)}\n    }}\n}}\n",
        ["generic class"] = m => $"public class Host<T>\n{{\n    public T? Value {{ get; set; }}\n{Instance(m)}\n}}\n",
        ["class with a primary constructor"] = m => $"public class Host(string name)\n{{\n    public string Name => name;\n{Instance(m)}\n}}\n",
        ["file-scoped namespace"] = m => $"namespace Shop.Services;\n\npublic class Host\n{{\n{Instance(m)}\n}}\n",
        [TopLevel] = s => s,
    };

    private static string Instance(string member) => member.Replace("STATIC ", string.Empty, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Fix_CompilesInEveryContext(string fix, string context)
    {
        var fixCase = FixCases.All[fix];
        var body = context == TopLevel ? fixCase.Statements! : fixCase.Member;
        var source = fixCase.Usings + Contexts[context](body);
        var test = fixCase.Create(source);
        return (context == TopLevel ? test.AsExecutable() : test).RunAsync();
    }
}
