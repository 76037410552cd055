using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The bodies a call may run, for both engines: the method itself, or for a virtual, abstract or interface
/// member every override and implementation declared in the compilation (at most 32, from <see cref="OverrideIndex"/>).
/// Nothing can override a sealed member or a member of a sealed type, so those need no look-up.</summary>
internal static class MethodImplementations
{
    public static ImmutableArray<IMethodSymbol> Find(Compilation compilation, IMethodSymbol method, Func<IMethodSymbol, bool> hasBody)
    {
        // Nothing can override a sealed override or a member of a sealed class or struct: no search of the compilation.
        if (!(method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) ||
            method.ContainingType?.TypeKind != TypeKind.Interface && (method.IsSealed || method.ContainingType?.IsSealed == true))
        {
            return hasBody(method) ? ImmutableArray.Create(method) : ImmutableArray<IMethodSymbol>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        if (hasBody(method))
        {
            builder.Add(method);
        }

        foreach (var candidate in OverrideIndex.Of(compilation).Implementations(method))
        {
            if (builder.Count >= 32)
            {
                break;
            }

            if (!SymbolEqualityComparer.Default.Equals(candidate, method) && hasBody(candidate))
            {
                builder.Add(candidate);
            }
        }

        return builder.ToImmutable();
    }
}
