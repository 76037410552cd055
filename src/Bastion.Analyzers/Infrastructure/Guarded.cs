using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

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
