using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>An <see cref="AnalysisContext"/> that wraps every action it registers in <see cref="BastionAnalyzer.Guard"/>.
/// Compilation-start actions get a <see cref="GuardedCompilationStartContext"/>, so what they register is guarded too.
/// Block-start and symbol-start actions (which Bastion does not use) are passed through unguarded.</summary>
internal sealed class GuardedAnalysisContext : AnalysisContext
{
    private readonly AnalysisContext inner;
    private readonly string analyzer;

    public GuardedAnalysisContext(AnalysisContext inner, string analyzer)
    {
        this.inner = inner;
        this.analyzer = analyzer;
    }

    public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
        inner.RegisterCompilationStartAction(c => BastionAnalyzer.Guard(analyzer, () => action(new GuardedCompilationStartContext(c, analyzer)), null, () => null, c.CancellationToken));

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) =>
        inner.RegisterCompilationAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
        inner.RegisterSemanticModelAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        inner.RegisterSymbolAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Symbol.Locations.IsEmpty ? null : c.Symbol.Locations[0], c.CancellationToken), symbolKinds);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        inner.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
        inner.RegisterCodeBlockAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.CodeBlock.GetLocation(), c.CancellationToken));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) =>
        inner.RegisterSyntaxTreeAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) =>
        inner.RegisterAdditionalFileAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        inner.RegisterSyntaxNodeAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Node.GetLocation(), c.CancellationToken), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        inner.RegisterOperationBlockStartAction(action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
        inner.RegisterOperationBlockAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.OwningSymbol.Locations.IsEmpty ? null : c.OwningSymbol.Locations[0], c.CancellationToken));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        inner.RegisterOperationAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Operation.Syntax.GetLocation(), c.CancellationToken), operationKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
        inner.RegisterSymbolStartAction(action, symbolKind);
}

/// <summary>The compilation-start context of a guarded analyzer: what is registered on it is guarded.</summary>
internal sealed class GuardedCompilationStartContext : CompilationStartAnalysisContext
{
    private readonly CompilationStartAnalysisContext inner;
    private readonly string analyzer;

#pragma warning disable RS1012 // A wrapper: the actions are registered on the wrapped context, by the analyzer.
    public GuardedCompilationStartContext(CompilationStartAnalysisContext inner, string analyzer)
        : base(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.analyzer = analyzer;
    }
#pragma warning restore RS1012

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
        inner.RegisterCompilationEndAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
        inner.RegisterSemanticModelAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        inner.RegisterSymbolAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Symbol.Locations.IsEmpty ? null : c.Symbol.Locations[0], c.CancellationToken), symbolKinds);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        inner.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
        inner.RegisterCodeBlockAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.CodeBlock.GetLocation(), c.CancellationToken));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) =>
        inner.RegisterSyntaxTreeAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) =>
        inner.RegisterAdditionalFileAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => null, c.CancellationToken));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        inner.RegisterSyntaxNodeAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Node.GetLocation(), c.CancellationToken), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        inner.RegisterOperationBlockStartAction(action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
        inner.RegisterOperationBlockAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.OwningSymbol.Locations.IsEmpty ? null : c.OwningSymbol.Locations[0], c.CancellationToken));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        inner.RegisterOperationAction(c => BastionAnalyzer.Guard(analyzer, () => action(c), c.ReportDiagnostic, () => c.Operation.Syntax.GetLocation(), c.CancellationToken), operationKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
        inner.RegisterSymbolStartAction(action, symbolKind);
}
