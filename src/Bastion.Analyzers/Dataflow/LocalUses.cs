using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The operations of one body that write or use each local, in the body's order (a <c>foreach</c> over it, its
/// declarator, assignments to it, every reference to it): found in one walk the first time a local of the body is
/// evaluated, instead of one walk of the whole body per local evaluated. Kept per operation tree, which the driver
/// hands every analyzer, so both constant-flow rules share it. Past <see cref="ConstantFlowEngine.MaxOperationsPerSummary"/> operations
/// the walk stops and the body is marked <see cref="Truncated"/>.</summary>
internal sealed class LocalUses
{
    private static readonly ConditionalWeakTable<IOperation, LocalUses> Bodies = new();
    private static readonly ConditionalWeakTable<IOperation, LocalUses>.CreateValueCallback Build = root => new LocalUses(root);

    private readonly Dictionary<ILocalSymbol, List<IOperation>> byLocal = new(SymbolEqualityComparer.Default);

    private LocalUses(IOperation root)
    {
        var visited = 0;
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (++visited > ConstantFlowEngine.MaxOperationsPerSummary)
            {
                Truncated = true;
                break;
            }

            switch (operation)
            {
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        Add(local, loop);
                    }

                    break;
                case IVariableDeclaratorOperation declarator:
                    Add(declarator.Symbol, declarator);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(target.Local, assignment);
                    break;
                case ILocalReferenceOperation reference:
                    Add(reference.Local, reference);
                    break;
            }
        }
    }

    public bool Truncated { get; }

    public static LocalUses Of(IOperation root) => Bodies.GetValue(root, Build);

    public IReadOnlyList<IOperation> Of(ILocalSymbol local) => byLocal.TryGetValue(local, out var uses) ? uses : Array.Empty<IOperation>();

    private void Add(ILocalSymbol local, IOperation operation)
    {
        if (!byLocal.TryGetValue(local, out var uses))
        {
            byLocal[local] = uses = new List<IOperation>(4);
        }

        uses.Add(operation);
    }
}
