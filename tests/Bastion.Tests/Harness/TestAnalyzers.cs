using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

#pragma warning disable RS0030, RS2008, RS1025, RS1026

namespace Bastion.Tests.Harness;

/// <summary>Reports TST0001 on every string literal whose value is "bad".</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BadLiteralAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TST0001", "Bad literal", "The literal is {0}", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var literal = (LiteralExpressionSyntax)c.Node;
                if (literal.Token.ValueText == "bad")
                {
                    c.ReportDiagnostic(Diagnostic.Create(Rule, literal.GetLocation(), "bad"));
                }
            },
            SyntaxKind.StringLiteralExpression);
    }
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadLiteralAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), SyntaxKind.ClassDeclaration);
    }
}

/// <summary>Works on complete code, throws on code with syntax errors: only the robustness run can catch it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowsOnIncompleteCodeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadLiteralAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxTreeAction(c =>
        {
            if (c.Tree.GetRoot(c.CancellationToken).ContainsDiagnostics)
            {
                throw new InvalidOperationException("cannot handle half-typed code");
            }
        });
    }
}

/// <summary>Reports TST0002 on each class when the option bastion.TST0002.report_classes is true.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionReadingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TST0002", "Class", "Class reported, project kind {0}", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var kind = ProjectClassifier.Classify(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).Kind;
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    var options = new RuleOptions(c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Node.SyntaxTree), Rule.Id);
                    if (options.GetBool("report_classes", false))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, ((ClassDeclarationSyntax)c.Node).Identifier.GetLocation(), kind));
                    }
                },
                SyntaxKind.ClassDeclaration);
        });
    }
}

/// <summary>Reports TST0003 on every line of an additional file that contains "secret".</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AdditionalFileAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TST0003", "Secret line", "Line mentions a secret", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(c =>
        {
            var text = c.AdditionalFile.GetText(c.CancellationToken);
            if (text is null)
            {
                return;
            }

            foreach (var line in text.Lines)
            {
                var index = line.ToString().IndexOf("secret", StringComparison.Ordinal);
                if (index >= 0)
                {
                    var span = new TextSpan(line.Start + index, "secret".Length);
                    c.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(c.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span))));
                }
            }
        });
    }
}

public abstract class LiteralFixBase : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(BadLiteralAnalyzer.Rule.Id);

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken);
        var literal = (ExpressionSyntax)root!.FindNode(context.Span, getInnermostNodeForTie: true);
        var replacement = Replace(literal);
        context.RegisterCodeFix(
            CodeAction.Create("Fix literal", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement))), GetType().Name),
            context.Diagnostics);
    }

    protected abstract ExpressionSyntax Replace(ExpressionSyntax literal);
}

[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class GoodFix : LiteralFixBase
{
    protected override ExpressionSyntax Replace(ExpressionSyntax literal) =>
        SyntaxFactory.ParseExpression("\"good\"").WithTriviaFrom(literal);
}

[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NonCompilingFix : LiteralFixBase
{
    protected override ExpressionSyntax Replace(ExpressionSyntax literal) =>
        SyntaxFactory.ParseExpression("undefinedName").WithTriviaFrom(literal);
}

/// <summary>Keeps the diagnostic and changes the code every time: applying it twice differs from once.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NonIdempotentFix : LiteralFixBase
{
    protected override ExpressionSyntax Replace(ExpressionSyntax literal) =>
        literal.WithTrailingTrivia(literal.GetTrailingTrivia().Add(SyntaxFactory.Comment("/*again*/")));
}

[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NoOpFix : LiteralFixBase
{
    protected override ExpressionSyntax Replace(ExpressionSyntax literal) => literal;
}

/// <summary>A correct single fix whose Fix All does something else.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class InconsistentFixAllFix : LiteralFixBase
{
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken);
        var literals = diagnostics.Select(d => root!.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).ToList();
        return document.WithSyntaxRoot(root!.ReplaceNodes(literals, (o, _) => SyntaxFactory.ParseExpression("\"other\"").WithTriviaFrom(o)));
    });

    protected override ExpressionSyntax Replace(ExpressionSyntax literal) =>
        SyntaxFactory.ParseExpression("\"good\"").WithTriviaFrom(literal);
}
