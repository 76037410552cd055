using System;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Exposure;

/// <summary>A value a logging call writes, with the message template it fills (when the call has one) and the
/// position of the value among the template's arguments.</summary>
internal readonly struct LoggedValue
{
    public LoggedValue(IOperation value, string framework, string? template, int templateArgument)
    {
        Value = value;
        Framework = framework;
        Template = template;
        TemplateArgument = templateArgument;
    }

    public IOperation Value { get; }

    /// <summary>How a message names the API: <c>ILogger.LogInformation</c>, <c>Serilog</c>, <c>Console.WriteLine</c>.</summary>
    public string Framework { get; }

    public string? Template { get; }

    /// <summary>Index among the template's arguments, or -1 for the template itself and for calls without one.</summary>
    public int TemplateArgument { get; }
}
