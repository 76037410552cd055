using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Decides which arguments are sinks (a credential parameter, a key setter) for one rule.</summary>
internal interface ISinkCatalog
{
    /// <summary>The sink values of <paramref name="operation"/> (arguments or assigned values), if it is a sink.</summary>
    void CollectSinkValues(IOperation operation, List<IOperation> values);

    /// <summary>Whether a string being built (a concatenation, an interpolation) can hold a sink value, so that those
    /// operations are offered too.</summary>
    bool SinksInStrings { get; }
}
