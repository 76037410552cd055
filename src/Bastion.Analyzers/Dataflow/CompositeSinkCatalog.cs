using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The sinks of several families side by side, for the one engine they share.</summary>
internal sealed class CompositeSinkCatalog : ITaintSinkCatalog
{
    private readonly ITaintSinkCatalog[] catalogs;

    public CompositeSinkCatalog(IEnumerable<ITaintSinkCatalog> catalogs)
    {
        this.catalogs = catalogs.ToArray();
        SinksInBounds = this.catalogs.Any(catalog => catalog.SinksInBounds);
        SinksInSourceMembers = this.catalogs.Any(catalog => catalog.SinksInSourceMembers);
    }

    public bool SinksInBounds { get; }

    public bool SinksInSourceMembers { get; }

    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        foreach (var catalog in catalogs)
        {
            catalog.Collect(operation, sinks);
        }
    }

    public bool IsNeutralizingReceiver(ITypeSymbol? type)
    {
        foreach (var catalog in catalogs)
        {
            if (catalog.IsNeutralizingReceiver(type))
            {
                return true;
            }
        }

        return false;
    }
}
