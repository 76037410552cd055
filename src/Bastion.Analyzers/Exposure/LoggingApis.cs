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
    private static readonly HashSet<string> SerilogMethods = new(StringComparer.Ordinal) { "Write", "Verbose", "Debug", "Information", "Warning", "Error", "Fatal" };
    private static readonly HashSet<string> NLogMethods = new(StringComparer.Ordinal) { "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log", "ConditionalDebug", "ConditionalTrace" };
    private static readonly HashSet<string> TraceMethods = new(StringComparer.Ordinal) { "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "TraceInformation", "TraceWarning", "TraceError", "Fail", "Assert", "TraceEvent", "TraceData" };

    /// <summary>Whether <paramref name="invocation"/> writes to a log (or the console), and what it writes.</summary>
    public static bool IsLoggingCall(IInvocationOperation invocation, List<LoggedValue>? values)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        // Names first: the namespace is looked at only for the few type names a logging API has.
        var ns = IsCandidateType(type.Name) ? KnownNamespace(type.ContainingNamespace) : string.Empty;
        switch (ns)
        {
            case "Microsoft.Extensions.Logging" when type.Name == "LoggerExtensions" && (method.Name.StartsWith("Log", StringComparison.Ordinal) || method.Name == "BeginScope"):
            case "Microsoft.Extensions.Logging" when type.Name == "ILogger" && method.Name is "Log" or "BeginScope":
                Collect(invocation, values, "ILogger." + method.Name, templateParameter: "message");
                return true;
            case "Serilog" when (type.Name is "ILogger" or "Log" or "Logger") && (SerilogMethods.Contains(method.Name) || method.Name == "ForContext" && method.Parameters.Length >= 2):
                Collect(invocation, values, "Serilog " + method.Name, templateParameter: "messageTemplate");
                return true;
            case "NLog" when (type.Name is "ILogger" or "Logger" or "ILoggerBase" or "ILoggerExtensions") && NLogMethods.Contains(method.Name):
                Collect(invocation, values, "NLog " + method.Name, templateParameter: "message");
                return true;
            case "System.Diagnostics" when (type.Name is "Trace" or "Debug" or "TraceSource") && TraceMethods.Contains(method.Name):
                Collect(invocation, values, type.Name + "." + method.Name, templateParameter: "format");
                return true;
            case "System.Diagnostics" when type.Name == "EventLog" && method.Name == "WriteEntry":
                Collect(invocation, values, "EventLog.WriteEntry", templateParameter: null);
                return true;
            case "System" when type.Name == "Console" && method.Name is "Write" or "WriteLine":
                Collect(invocation, values, "Console." + method.Name, templateParameter: "format");
                return true;
            case "System.IO" when method.Name is "Write" or "WriteLine" && invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType.Name: "Console" } }:
                Collect(invocation, values, "Console." + method.Name, templateParameter: "format");
                return true;
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

    private static readonly string[] LoggingNamespaces = { "Microsoft.Extensions.Logging", "Serilog", "NLog", "System.Diagnostics", "System", "System.IO" };

    /// <summary>Which of <see cref="LoggingNamespaces"/> <paramref name="ns"/> is, or empty: compared name by name, as a
    /// namespace's display string is built anew on every call.</summary>
    private static string KnownNamespace(INamespaceSymbol? ns)
    {
        foreach (var known in LoggingNamespaces)
        {
            if (SymbolFacts.IsNamespace(ns, known))
            {
                return known;
            }
        }

        return string.Empty;
    }

    private static bool IsCandidateType(string name) => name is "LoggerExtensions" or "ILogger" or "Log" or "Logger" or "ILoggerBase" or "ILoggerExtensions" or
        "Trace" or "Debug" or "TraceSource" or "EventLog" or "Console" or "TextWriter";

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
