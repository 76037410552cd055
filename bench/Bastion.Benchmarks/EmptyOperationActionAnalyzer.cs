using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks
{
    /// <summary>The driver's floor: one empty operation action on every operation kind, what any operation-based analyzer
    /// costs before it does anything. The benchmark runs it in process; bench/measure-build.sh compiles this same file into
    /// an analyzer assembly a real build loads (so it stays C# 7.3 and netstandard2.0).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EmptyOperationActionAnalyzer : DiagnosticAnalyzer
    {
#pragma warning disable RS2008, RS1017 // A probe, not a rule. Warning: a build skips analyzers whose rules are all hidden.
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("PROBE001", "Probe", "Probe", "Probe", DiagnosticSeverity.Warning, true);
#pragma warning restore RS2008, RS1017

        private readonly int actions;

        public EmptyOperationActionAnalyzer()
            : this(1)
        {
        }

        /// <param name="actions">How many empty operation actions to register (the cost of each further one).</param>
        public EmptyOperationActionAnalyzer(int actions) => this.actions = actions;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            var kinds = Enum.GetValues(typeof(OperationKind)).Cast<OperationKind>().Where(k => k != OperationKind.None).Distinct().ToImmutableArray();
            for (var i = 0; i < actions; i++)
            {
                context.RegisterOperationAction(_ => { }, kinds);
            }
        }
    }
}
