using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Decides which values of an operation (an invocation, object creation or assignment) are sinks, for the rules
/// of one family. The engine asks it for every such operation it evaluates, so it must be cheap: names first, types after.</summary>
internal interface ITaintSinkCatalog
{
    void Collect(IOperation operation, List<TaintSink> sinks);

    /// <summary>Whether writing untrusted data through this indexer or property leaves the receiver safe to use: a
    /// connection-string builder quotes what it is given, so <c>builder["Server"] = input</c> does not taint the builder.</summary>
    bool IsNeutralizingReceiver(ITypeSymbol? type);

    /// <summary>Whether the bound a loop compares its counter with (<see cref="LoopConditions"/>) and the size of an array
    /// created can be sinks: the engine then offers such comparisons and creations to <see cref="Collect"/> too.</summary>
    bool SinksInBounds { get; }

    /// <summary>Whether a call or creation of a member declared in this compilation can be a sink (a
    /// <c>[LoggerMessage]</c> method is): when not, the engine does not ask about those, whose bodies it analyses instead.</summary>
    bool SinksInSourceMembers { get; }
}
