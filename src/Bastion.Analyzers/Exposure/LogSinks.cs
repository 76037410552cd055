using System.Collections.Generic;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4001's sinks: every value a logging call writes (<see cref="LoggingApis"/>).</summary>
internal sealed class LogSinks : ITaintSinkCatalog
{
    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return;
        }

        if (!LoggingApis.IsLoggingCall(invocation, null))
        {
            return;
        }

        var values = new List<LoggedValue>();
        LoggingApis.IsLoggingCall(invocation, values);

        foreach (var value in values)
        {
            sinks.Add(new TaintSink(value.Value, RuleIdentifiers.SensitiveDataLogged, value.Framework));
        }
    }

    public bool SinksInBounds => false;

    public bool SinksInSourceMembers => true;

    public bool IsNeutralizingReceiver(ITypeSymbol? type) => false;
}
