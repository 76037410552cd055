using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The bodies a call may run, for both engines: the method itself, or for a virtual, abstract or interface
/// member every override and implementation declared in the compilation (at most 32). Nothing can override a sealed
/// member or a member of a sealed type, so those need no search of the compilation.</summary>
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

        var property = method.AssociatedSymbol as IPropertySymbol;
        var name = property?.Name ?? method.Name;
        foreach (var candidate in compilation.GetSymbolsWithName(name, SymbolFilter.Member))
        {
            if (builder.Count >= 32)
            {
                break;
            }

            var candidateMethod = candidate switch
            {
                IMethodSymbol m => m,
                IPropertySymbol p when property is not null => method.MethodKind == MethodKind.PropertySet ? p.SetMethod : p.GetMethod,
                _ => null,
            };

            if (candidateMethod is null || SymbolEqualityComparer.Default.Equals(candidateMethod, method) || !hasBody(candidateMethod))
            {
                continue;
            }

            if (Overrides(candidateMethod, method) || Implements(candidateMethod, method))
            {
                builder.Add(candidateMethod);
            }
        }

        return builder.ToImmutable();
    }

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(IMethodSymbol candidate, IMethodSymbol method)
    {
        if (method.ContainingType?.TypeKind != TypeKind.Interface || candidate.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, method.ContainingType) &&
                type.FindImplementationForInterfaceMember(SymbolEqualityComparer.Default.Equals(@interface, method.ContainingType) ? method : FindMember(@interface, method)) is IMethodSymbol implementation &&
                SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, candidate.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol FindMember(INamedTypeSymbol constructed, IMethodSymbol definition)
    {
        foreach (var member in constructed.GetMembers(definition.Name))
        {
            if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, definition))
            {
                return member;
            }
        }

        return definition;
    }
}
