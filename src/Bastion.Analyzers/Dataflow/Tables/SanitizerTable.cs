using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Sanitizers read from table lines (<see cref="SanitizerEntry"/>): which sink kinds a method's result is safe
/// for. Asked for every library call the engine evaluates: the name first, the type only for a name a line mentions.</summary>
internal sealed class SanitizerTable
{
    private readonly MemberIndex<SanitizerEntry> index;
    public SanitizerTable(Compilation compilation, IEnumerable<SanitizerEntry> entries) =>
        index = new MemberIndex<SanitizerEntry>(compilation, entries, static entry => entry.Member);

    /// <summary>The sink kinds the result of <paramref name="method"/> is safe for (0 for none).</summary>
    public ulong Kinds(IMethodSymbol method)
    {
        var lines = index.Find(method);
        if (lines.Count == 0 || SymbolFacts.HasSourceDeclaration(method))
        {
            return 0;
        }

        var kinds = 0UL;
        foreach (var line in lines)
        {
            kinds |= line.Kinds;
        }

        return kinds;
    }
}
