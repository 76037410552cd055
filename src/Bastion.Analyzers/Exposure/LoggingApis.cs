using System;
using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>The logging APIs both exposure rules know: Microsoft.Extensions.Logging (<c>ILogger</c> extension methods,
/// <c>ILogger.Log</c>, <c>BeginScope</c>, <c>LoggerMessage.Define</c> delegates and <c>[LoggerMessage]</c> methods),
/// Serilog, NLog, <c>System.Diagnostics.Trace</c>/<c>Debug</c>/<c>TraceSource</c>, <c>Console</c> and
/// <c>EventLog</c>. Recognised by type and namespace, so a method of the same name elsewhere is not a log.</summary>
internal static class LoggingApis
{
    private const string Serilog = "Write,Verbose,Debug,Information,Warning,Error,Fatal";
    private const string NLog = "Trace,Debug,Info,Warn,Error,Fatal,Log,ConditionalDebug,ConditionalTrace";
    private const string Tracing = "Write,WriteLine,WriteIf,WriteLineIf,Print,TraceInformation,TraceWarning,TraceError,Fail,Assert,TraceEvent,TraceData";

    public static readonly IReadOnlyList<LogApi> Table = new[]
    {
        new LogApi("Microsoft.Extensions.Logging", "LoggerExtensions", "Log*,BeginScope", "ILogger.{member}", "message"),
        new LogApi("Microsoft.Extensions.Logging", "ILogger", "Log,BeginScope", "ILogger.{member}", "message"),
        new LogApi("Serilog", "ILogger,Log,Logger", Serilog, "Serilog {member}", "messageTemplate"),
        new LogApi("Serilog", "ILogger,Log,Logger", "ForContext", "Serilog {member}", "messageTemplate", minimumParameters: 2),
        new LogApi("NLog", "ILogger,Logger,ILoggerBase,ILoggerExtensions", NLog, "NLog {member}", "message"),
        new LogApi("System.Diagnostics", "Trace,Debug,TraceSource", Tracing, "{type}.{member}", "format"),
        new LogApi("System.Diagnostics", "EventLog", "WriteEntry", "EventLog.WriteEntry", templateParameter: null),
        new LogApi("System", "Console", "Write,WriteLine", "Console.{member}", "format"),
        new LogApi("System.IO", "TextWriter", "Write,WriteLine", "Console.{member}", "format", onConsole: true),
    };

    /// <summary>The table's lines by type name: a call's type is compared by name before its namespace is looked at.</summary>
    private static readonly Dictionary<string, List<LogApi>> ByTypeName = Index();

    /// <summary>Whether <paramref name="invocation"/> writes to a log (or the console), and what it writes.</summary>
    public static bool IsLoggingCall(IInvocationOperation invocation, List<LoggedValue>? values)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (ByTypeName.TryGetValue(type.Name, out var lines))
        {
            foreach (var line in lines)
            {
                if (line.Writes(method.Name) && method.Parameters.Length >= line.MinimumParameters &&
                    (!line.OnConsole || invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType.Name: "Console" } }) &&
                    SymbolFacts.IsNamespace(type.ContainingNamespace, line.Namespace))
                {
                    Collect(invocation, values, line.Label.Replace("{type}", type.Name).Replace("{member}", method.Name), line.TemplateParameter);
                    return true;
                }
            }
        }

        // LoggerMessage.Define delegates: Action<ILogger, T1, …, Exception?>.
        if (method.Name == "Invoke" && type.TypeKind == TypeKind.Delegate && method.Parameters.Length > 0 && IsMelLogger(method.Parameters[0].Type))
        {
            Collect(invocation, values, "LoggerMessage delegate", templateParameter: null);
            return true;
        }

        // [LoggerMessage] source-generated methods (partial methods of this compilation).
        if (!method.IsPartialDefinition && method.PartialDefinitionPart is null)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "LoggerMessageAttribute" } attributeClass && SymbolFacts.IsNamespace(attributeClass.ContainingNamespace, "Logging", "Extensions", "Microsoft"))
            {
                Collect(invocation, values, "[LoggerMessage] " + method.Name, templateParameter: null);
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, List<LogApi>> Index()
    {
        var index = new Dictionary<string, List<LogApi>>(StringComparer.Ordinal);
        foreach (var line in Table)
        {
            foreach (var type in line.Types)
            {
                if (!index.TryGetValue(type, out var list))
                {
                    index.Add(type, list = new List<LogApi>());
                }

                list.Add(line);
            }
        }

        return index;
    }

    private static bool IsMelLogger(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ILogger" } named && SymbolFacts.IsNamespace(named.ContainingNamespace, "Logging", "Extensions", "Microsoft");

    private static void Collect(IInvocationOperation invocation, List<LoggedValue>? values, string framework, string? templateParameter)
    {
        if (values is null)
        {
            return;
        }

        string? template = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == templateParameter && argument.Value.ConstantValue is { HasValue: true, Value: string text })
            {
                template = text;
            }
        }

        var position = 0;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || IsContext(parameter.Type))
            {
                continue;
            }

            if (parameter.Name == templateParameter)
            {
                values.Add(new LoggedValue(argument.Value, framework, template, -1));
                continue;
            }

            // params object[] args: each element is a template argument.
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (var element in elements.ElementValues)
                {
                    values.Add(new LoggedValue(element, framework, template, position++));
                }

                continue;
            }

            values.Add(new LoggedValue(argument.Value, framework, template, template is null ? -1 : position++));
        }
    }

    /// <summary>Arguments that are not written as text: the logger itself, levels, event IDs, exceptions (an exception
    /// object in a server log is what logs are for), format providers, conditions, formatters.</summary>
    private static bool IsContext(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Boolean || type.TypeKind is TypeKind.Enum or TypeKind.Delegate)
        {
            return true;
        }

        return ExceptionSources.IsException(type) || type.Name is "ILogger" or "EventId" or "IFormatProvider" or "LogLevel" or "LogEventLevel" or "EventLogEntryType" or "TraceEventType" or "Logger";
    }
}
