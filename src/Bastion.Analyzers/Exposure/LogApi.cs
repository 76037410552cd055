using System;
using System.Collections.Generic;

namespace Bastion.Analyzers.Exposure;

/// <summary>One line of the logging table: types of one namespace (comma-separated names), the methods that write a
/// log entry (<c>Log*</c> for every method whose name starts so), how a message names the call (<c>{type}</c> and
/// <c>{member}</c> are replaced), and the parameter that holds the message template, if any.</summary>
internal sealed class LogApi
{
    private readonly HashSet<string> methods = new(StringComparer.Ordinal);
    private readonly List<string> prefixes = new();

    public LogApi(string ns, string types, string methods, string label, string? templateParameter, int minimumParameters = 0, bool onConsole = false)
    {
        Namespace = ns;
        Types = types.Split(',');
        foreach (var method in methods.Split(','))
        {
            if (method.EndsWith("*", StringComparison.Ordinal))
            {
                prefixes.Add(method.Substring(0, method.Length - 1));
            }
            else
            {
                this.methods.Add(method);
            }
        }

        Label = label;
        TemplateParameter = templateParameter;
        MinimumParameters = minimumParameters;
        OnConsole = onConsole;
    }

    public string Namespace { get; }

    public string[] Types { get; }

    public string Label { get; }

    public string? TemplateParameter { get; }

    /// <summary>Calls with fewer parameters are not log entries (Serilog's <c>ForContext(name, value)</c> logs a value;
    /// <c>ForContext&lt;T&gt;()</c> does not).</summary>
    public int MinimumParameters { get; }

    /// <summary>A writer's method that is a log only when called on <c>Console.Out</c> or <c>Console.Error</c>.</summary>
    public bool OnConsole { get; }

    public bool Writes(string method)
    {
        if (methods.Contains(method))
        {
            return true;
        }

        foreach (var prefix in prefixes)
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
