using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Sanitizers read from table lines (<see cref="SanitizerEntry"/>): which sink kinds a method's result is safe
/// for. Asked for every library call the engine evaluates: the name first, the type only for a name a line mentions.</summary>
internal sealed class SanitizerTable
{
    private readonly MemberIndex<SanitizerEntry> index;
    [System.ThreadStatic]
    private static List<SanitizerEntry>? found;

    public SanitizerTable(Compilation compilation, IEnumerable<SanitizerEntry> entries)
    {
        var lines = new List<(ApiMember, SanitizerEntry)>();
        foreach (var entry in entries)
        {
            lines.Add((entry.Member, entry));
        }

        index = new MemberIndex<SanitizerEntry>(compilation, lines);
    }

    /// <summary>The sink kinds the result of <paramref name="method"/> is safe for (0 for none).</summary>
    public ulong Kinds(IMethodSymbol method)
    {
        var name = MemberIndex<SanitizerEntry>.NameOf(method);
        if (!index.Names(name) || SymbolFacts.HasSourceDeclaration(method))
        {
            return 0;
        }

        var lines = found ??= new List<SanitizerEntry>();
        lines.Clear();
        index.Find(method, name, lines);
        var kinds = 0UL;
        foreach (var line in lines)
        {
            kinds |= line.Kinds;
        }

        return kinds;
    }
}
