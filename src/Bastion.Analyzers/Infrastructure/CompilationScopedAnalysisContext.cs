using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>An <see cref="AnalysisContext"/> over a host's compilation-start context: how a hosted rule, written as an
/// analyzer, registers for one compilation. A compilation-start action runs at once; a compilation action becomes a
/// compilation-end action; the rest are registered as they are. Concurrency and generated-code settings are the host's.</summary>
internal sealed class CompilationScopedAnalysisContext : AnalysisContext
{
    private readonly CompilationStartAnalysisContext start;

#pragma warning disable RS1012 // A wrapper: the hosted rule registers its actions on it.
    public CompilationScopedAnalysisContext(CompilationStartAnalysisContext start) => this.start = start;
#pragma warning restore RS1012

    public override void EnableConcurrentExecution()
    {
    }

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => action(start);

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => start.RegisterCompilationEndAction(action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => start.RegisterSemanticModelAction(action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => start.RegisterSymbolAction(action, symbolKinds);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => start.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => start.RegisterCodeBlockAction(action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => start.RegisterSyntaxTreeAction(action);

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => start.RegisterAdditionalFileAction(action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => start.RegisterSyntaxNodeAction(action, syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => start.RegisterOperationBlockStartAction(action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => start.RegisterOperationBlockAction(action);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => start.RegisterOperationAction(action, operationKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => start.RegisterSymbolStartAction(action, symbolKind);
}
