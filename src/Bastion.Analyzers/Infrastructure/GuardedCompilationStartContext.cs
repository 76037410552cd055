using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

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

    /// <summary>The context this one guards: the same for every rule a host initializes on one compilation.</summary>
    internal CompilationStartAnalysisContext Inner => inner;

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
        inner.RegisterCompilationEndAction(Guarded.Compilation(analyzer, action));

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
