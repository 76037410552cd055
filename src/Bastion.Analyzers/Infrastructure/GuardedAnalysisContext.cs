using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>An <see cref="AnalysisContext"/> that wraps every action it registers in <see cref="BastionAnalyzer.Guard"/>.
/// Compilation-start and operation-block-start actions get a guarded context, so what they register is guarded too.
/// Code-block-start and symbol-start actions (which Bastion does not use) are passed through unguarded.</summary>
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
        inner.RegisterCompilationStartAction(c => BastionAnalyzer.Guard(analyzer, start => action(new GuardedCompilationStartContext(start, analyzer)), c, null, static _ => null, c.CancellationToken));

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) =>
        inner.RegisterCompilationAction(Guarded.Compilation(analyzer, action));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
        inner.RegisterSemanticModelAction(Guarded.SemanticModel(analyzer, action));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        inner.RegisterSymbolAction(Guarded.Symbol(analyzer, action), symbolKinds);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        inner.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
        inner.RegisterCodeBlockAction(Guarded.CodeBlock(analyzer, action));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) =>
        inner.RegisterSyntaxTreeAction(Guarded.SyntaxTree(analyzer, action));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) =>
        inner.RegisterAdditionalFileAction(Guarded.AdditionalFile(analyzer, action));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        inner.RegisterSyntaxNodeAction(Guarded.SyntaxNode(analyzer, action), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        inner.RegisterOperationBlockStartAction(Guarded.OperationBlockStart(analyzer, action));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
        inner.RegisterOperationBlockAction(Guarded.OperationBlock(analyzer, action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        inner.RegisterOperationAction(Guarded.Operation(analyzer, action), operationKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
        inner.RegisterSymbolStartAction(action, symbolKind);
}
