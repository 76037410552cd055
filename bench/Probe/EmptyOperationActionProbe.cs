using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks.Probe;

/// <summary>One empty operation action on every operation kind: what any operation-based analyzer costs a build
/// before it does anything.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyOperationActionProbe : DiagnosticAnalyzer
{
#pragma warning disable RS2008, RS1017 // A probe, not a rule.
    private static readonly DiagnosticDescriptor Rule = new("PROBE001", "Probe", "Probe", "Probe", DiagnosticSeverity.Warning, true); // A build skips analyzers whose rules are all hidden.
#pragma warning restore RS2008, RS1017

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            _ => { },
            Enum.GetValues(typeof(OperationKind)).Cast<OperationKind>().Where(k => k != OperationKind.None).Distinct().ToImmutableArray());
    }
}
