using System.Threading;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>A type of the compilation's references, looked up by metadata name the first time a check needs it, not when
/// the compilation starts. <c>GetTypeByMetadataName</c> searches every referenced assembly, and the first lookup into a
/// namespace loads that namespace's members in each of them. Done at compilation start, that work is charged to Bastion
/// even for namespaces the code never uses, and for the others it runs before the compiler would have loaded them anyway.
/// Looked up lazily, it happens only when a member with a matching name is met. Two threads may both look it up;
/// both get the same symbol.</summary>
internal sealed class LazyType
{
    private readonly Compilation compilation;
    private readonly string metadataName;
    private INamedTypeSymbol? value;
    private int resolved;

    public LazyType(Compilation compilation, string metadataName)
    {
        this.compilation = compilation;
        this.metadataName = metadataName;
    }

    /// <summary>The type, or null when no reference defines it.</summary>
    public INamedTypeSymbol? Value
    {
        get
        {
            if (Volatile.Read(ref resolved) == 0)
            {
                value = compilation.GetTypeByMetadataName(metadataName);
                Volatile.Write(ref resolved, 1);
            }

            return value;
        }
    }
}
