using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Hosting;

/// <summary>A host's compilation-start context as its rules see it: operation actions are collected, not registered, and
/// <see cref="Register"/> then registers one driver action per set of operation kinds, which calls the rules' actions for
/// that kind in the order they were registered. Everything else is registered on the driver's context as it comes.
/// <para>Why: the driver's cost is per callback (the benchmark's <c>empty-operation-actions:N</c> sets show it: one
/// probe with 16 empty actions on every operation costs the driver far more than one action). Bastion's rules register
/// some forty operation actions, ten of them on invocations; through this table each operation is one driver callback,
/// whatever the number of rules that look at its kind.</para>
/// <para>Each action is still the rule's guarded action, so a failure still names its rule and stops only that rule's
/// action for that operation.</para></summary>
internal sealed class OperationActionTable : CompilationStartAnalysisContext
{
    private readonly CompilationStartAnalysisContext inner;
    private readonly List<(Action<OperationAnalysisContext> Action, ImmutableArray<OperationKind> Kinds)> actions = new();
    private bool registered;

#pragma warning disable RS1012 // A wrapper: the hosted rules register their actions on it, the host registers them on the driver's context.
    public OperationActionTable(CompilationStartAnalysisContext inner)
        : base(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
    }
#pragma warning restore RS1012

    /// <summary>How many driver actions <see cref="Register"/> made (tests).</summary>
    internal int DriverActions { get; private set; }

    /// <summary>Collects the action. After <see cref="Register"/> an action would never run, so that is an error, not a
    /// silent loss (the driver's own start context is closed by then too).</summary>
    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        if (registered)
        {
            throw new InvalidOperationException("Operation actions must be registered during compilation start.");
        }

        actions.Add((action, operationKinds));
    }

    /// <summary>Registers the collected actions: for each operation kind, the actions registered for it, in order; the kinds
    /// with the same actions share one driver action. Called once, after every rule has registered.</summary>
    public void Register()
    {
        registered = true;
        var byKind = new Dictionary<OperationKind, List<int>>();
        for (var index = 0; index < actions.Count; index++)
        {
            foreach (var kind in actions[index].Kinds)
            {
                if (!byKind.TryGetValue(kind, out var list))
                {
                    byKind[kind] = list = new List<int>();
                }

                // A rule naming a kind twice in one registration is called once for it.
                if (list.Count == 0 || list[list.Count - 1] != index)
                {
                    list.Add(index);
                }
            }
        }

        // Kinds grouped by the sequence of actions they run, keyed by that sequence written out.
        var groups = new Dictionary<string, (List<OperationKind> Kinds, List<int> Actions)>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var pair in byKind)
        {
            key.Clear();
            foreach (var index in pair.Value)
            {
                key.Append(index).Append(',');
            }

            var text = key.ToString();
            if (!groups.TryGetValue(text, out var group))
            {
                groups[text] = group = (new List<OperationKind>(), pair.Value);
            }

            group.Kinds.Add(pair.Key);
        }

        foreach (var group in groups.Values)
        {
            var kinds = group.Kinds.ToImmutableArray();
            if (group.Actions.Count == 1)
            {
                inner.RegisterOperationAction(actions[group.Actions[0]].Action, kinds);
            }
            else
            {
                var sequence = new Action<OperationAnalysisContext>[group.Actions.Count];
                for (var i = 0; i < sequence.Length; i++)
                {
                    sequence[i] = actions[group.Actions[i]].Action;
                }

                inner.RegisterOperationAction(
                    context =>
                    {
                        foreach (var action in sequence)
                        {
                            action(context);
                        }
                    },
                    kinds);
            }

            DriverActions++;
        }
    }

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(action, symbolKinds);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => inner.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(action);

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(action, syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => inner.RegisterOperationBlockStartAction(action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(action);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => inner.RegisterSymbolStartAction(action, symbolKind);
}
