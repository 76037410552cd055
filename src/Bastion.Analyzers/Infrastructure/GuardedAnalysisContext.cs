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

/// <summary>The operation-block-start context of a guarded analyzer: what is registered on it is guarded. Its
/// <c>GetControlFlowGraph</c> builds a graph without the driver's cache (no Bastion analyzer asks a block-start context
/// for one).</summary>
internal sealed class GuardedOperationBlockStartContext : OperationBlockStartAnalysisContext
{
    private readonly OperationBlockStartAnalysisContext inner;
    private readonly string analyzer;

#pragma warning disable RS1012 // A wrapper: the actions are registered on the wrapped context, by the analyzer.
#pragma warning disable CS0618 // The public constructor is obsolete for creating contexts outside a driver; this one wraps the driver's.
    public GuardedOperationBlockStartContext(OperationBlockStartAnalysisContext inner, string analyzer)
        : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.analyzer = analyzer;
    }
#pragma warning restore CS0618
#pragma warning restore RS1012

    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) =>
        inner.RegisterOperationBlockEndAction(Guarded.OperationBlock(analyzer, action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        inner.RegisterOperationAction(Guarded.Operation(analyzer, action), operationKinds);
}

/// <summary>Each kind of action, wrapped in <see cref="BastionAnalyzer.Guard"/> with the place a failure is reported at.</summary>
internal static class Guarded
{
    public static Action<CompilationAnalysisContext> Compilation(string analyzer, Action<CompilationAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static _ => null, c.CancellationToken);

    public static Action<SemanticModelAnalysisContext> SemanticModel(string analyzer, Action<SemanticModelAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static _ => null, c.CancellationToken);

    public static Action<SymbolAnalysisContext> Symbol(string analyzer, Action<SymbolAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static x => x.Symbol.Locations.IsEmpty ? null : x.Symbol.Locations[0], c.CancellationToken);

    public static Action<CodeBlockAnalysisContext> CodeBlock(string analyzer, Action<CodeBlockAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static x => x.CodeBlock.GetLocation(), c.CancellationToken);

    public static Action<SyntaxTreeAnalysisContext> SyntaxTree(string analyzer, Action<SyntaxTreeAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static _ => null, c.CancellationToken);

    public static Action<AdditionalFileAnalysisContext> AdditionalFile(string analyzer, Action<AdditionalFileAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static _ => null, c.CancellationToken);

    public static Action<SyntaxNodeAnalysisContext> SyntaxNode(string analyzer, Action<SyntaxNodeAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static x => x.Node.GetLocation(), c.CancellationToken);

    public static Action<OperationBlockAnalysisContext> OperationBlock(string analyzer, Action<OperationBlockAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static x => x.OwningSymbol.Locations.IsEmpty ? null : x.OwningSymbol.Locations[0], c.CancellationToken);

    /// <summary>A block-start context cannot report: a failure there is reported at the block's end, on the owning symbol.</summary>
    public static Action<OperationBlockStartAnalysisContext> OperationBlockStart(string analyzer, Action<OperationBlockStartAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(
            analyzer, start => action(new GuardedOperationBlockStartContext(start, analyzer)), c,
            static (x, d) => x.RegisterOperationBlockEndAction(end => end.ReportDiagnostic(d)),
            static x => x.OwningSymbol.Locations.IsEmpty ? null : x.OwningSymbol.Locations[0], c.CancellationToken);

    public static Action<OperationAnalysisContext> Operation(string analyzer, Action<OperationAnalysisContext> action) =>
        c => BastionAnalyzer.Guard(analyzer, action, c, static (x, d) => x.ReportDiagnostic(d), static x => x.Operation.Syntax.GetLocation(), c.CancellationToken);
}
