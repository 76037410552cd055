using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1008: a credential written in a comment — a C# comment (<c>//</c>, <c>/* */</c>, XML documentation), or
/// an HTML or XML comment (<c>&lt;!-- --&gt;</c>) inside a string the code writes out as markup, which every client
/// that views the page source reads.</summary>
[NoCodeFix("What else the comment should say is the author's decision, and deleting the text does not un-leak the credential: it must be rotated (see the doc page).")]
public sealed class CommentSecretAnalyzer : BastionAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.SecretInComment,
        title: "Credential in a comment",
        messageFormat: "{0} is written in a comment ({1}); remove it and rotate the credential",
        RuleLevel.BuildWarning,
        description: "Comments travel with the code (repositories, reviews, decompiled assemblies keep none, but every clone " +
            "does), and a comment inside markup travels to every browser that loads the page. A credential there is leaked.",
        cwes: new[] { 615 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (HardcodedCredentialAnalyzer.RunsIn(start.Compilation, start.Options, Rule.Id))
            {
                start.RegisterSyntaxTreeAction(AnalyzeComments);
                start.RegisterSyntaxNodeAction(AnalyzeMarkup, SyntaxKind.StringLiteralExpression, SyntaxKind.InterpolatedStringText);
            }
        });
    }

    /// <summary>The comments of a tree, found by their <c>//</c> and <c>/*</c> in its text and confirmed as trivia
    /// there: far cheaper than walking every node and token. Documentation comments are entered only when their text
    /// could hold a pair.</summary>
    private static void AnalyzeComments(SyntaxTreeAnalysisContext context)
    {
        var source = context.Tree.GetText(context.CancellationToken).ToString();
        var start = source.IndexOf('/');
        if (start < 0)
        {
            return;
        }

        var root = context.Tree.GetRoot(context.CancellationToken);
        var found = new List<CommentSecret>();
        for (var i = start; i >= 0 && i + 1 < source.Length; i = source.IndexOf('/', i + 1))
        {
            if (source[i + 1] is not ('/' or '*'))
            {
                continue;
            }

            var trivia = root.FindTrivia(i);
            if (trivia.Span.Start != i && trivia.FullSpan.Start != i || !IsComment(trivia))
            {
                continue;
            }

            // The comments that follow in the same trivia list (a header of '//' lines, a comment above a documentation
            // comment) are read from the list, not found again from the root one by one.
            var token = trivia.Token;
            var list = token.LeadingTrivia.FullSpan.Contains(trivia.FullSpan.Start) ? token.LeadingTrivia : token.TrailingTrivia;
            foreach (var next in list)
            {
                if (next.FullSpan.Start < trivia.FullSpan.Start || !IsComment(next))
                {
                    continue;
                }

                if (next.IsKind(SyntaxKind.SingleLineCommentTrivia) || next.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    AnalyzeComment(context, next, found);
                }
                else
                {
                    AnalyzeDocumentation(context, next, source.Substring(next.FullSpan.Start, next.FullSpan.Length), found);
                }

                i = System.Math.Max(i, next.FullSpan.End - 1);
            }
        }
    }

    private static bool IsComment(SyntaxTrivia trivia) =>
        trivia.Kind() is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia or
            SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia;

    /// <summary>Tokens anywhere in the comment; pairs in its prose only (a <c>&lt;c&gt;</c> or <c>&lt;code&gt;</c>
    /// sample is not a secret).</summary>
    private static void AnalyzeDocumentation(SyntaxTreeAnalysisContext context, SyntaxTrivia trivia, string text, List<CommentSecret> found)
    {
        found.Clear();
        CommentSecretScanner.FindTokens(text, found);
        Report(context.ReportDiagnostic, context.Tree, trivia.FullSpan.Start, text, found);

        // Its text tokens are read one by one only when a credential name stands before a separator somewhere in it:
        // nearly every documentation comment has an '=' (cref="…"), few have a credential pair.
        if (!CommentSecretScanner.HasCredentialKey(text))
        {
            return;
        }

        foreach (var token in trivia.GetStructure()!.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.XmlTextLiteralToken) && !IsCodeSample(token))
            {
                found.Clear();
                CommentSecretScanner.Find(token.Text, found, formats: false);
                Report(context.ReportDiagnostic, context.Tree, token.SpanStart, token.Text, found);
            }
        }
    }

    /// <summary>Text of a <c>&lt;c&gt;</c>, <c>&lt;code&gt;</c> or <c>&lt;example&gt;</c> element of a documentation
    /// comment: a sample of what the code handles, not a credential of the code's own.</summary>
    private static bool IsCodeSample(SyntaxToken token)
    {
        for (var node = token.Parent; node is not null && node is not Microsoft.CodeAnalysis.CSharp.Syntax.DocumentationCommentTriviaSyntax; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.XmlElementSyntax { StartTag.Name.LocalName.ValueText: "c" or "code" or "example" })
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeComment(SyntaxTreeAnalysisContext context, SyntaxTrivia trivia, List<CommentSecret> found)
    {
        // Documentation comments are structured trivia: their text tokens are visited on their own (descendIntoTrivia).
        if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
        {
            return;
        }

        var text = trivia.ToString();
        found.Clear();
        CommentSecretScanner.Find(text, found, formats: true);
        Report(context.ReportDiagnostic, context.Tree, trivia.SpanStart, text, found);
    }

    /// <summary>The comments of markup in a string (<c>"&lt;!--DB password = …--&gt;"</c>); a token format there is
    /// BST1003's.</summary>
    private static void AnalyzeMarkup(SyntaxNodeAnalysisContext context)
    {
        var token = context.Node switch
        {
            LiteralExpressionSyntax literal => literal.Token,
            InterpolatedStringTextSyntax text => text.TextToken,
            _ => default,
        };
        var source = token.Text;
        var open = source.IndexOf("<!--", System.StringComparison.Ordinal);
        if (open < 0)
        {
            return;
        }

        var found = new List<CommentSecret>();
        for (; open >= 0; open = source.IndexOf("<!--", open + 4, System.StringComparison.Ordinal))
        {
            var close = source.IndexOf("-->", open + 4, System.StringComparison.Ordinal);
            var comment = source.Substring(open, (close < 0 ? source.Length : close + 3) - open);
            found.Clear();
            CommentSecretScanner.Find(comment, found, formats: false);
            Report(context.ReportDiagnostic, context.Node.SyntaxTree, token.SpanStart + open, comment, found);
        }
    }

    private static void Report(System.Action<Diagnostic> report, SyntaxTree tree, int start, string text, List<CommentSecret> found)
    {
        foreach (var secret in found)
        {
            var value = text.Substring(secret.Start, secret.Length);
            report(Diagnostic.Create(
                Rule, Location.Create(tree, new TextSpan(start + secret.Start, secret.Length)), secret.Description, SecretMasker.Mask(value)));
        }
    }
}
