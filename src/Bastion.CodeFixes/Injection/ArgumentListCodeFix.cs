using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Bastion.CodeFixes.Injection;

/// <summary>BST5002: an argument string built from values becomes <c>ProcessStartInfo.ArgumentList</c> entries, so that
/// each value is one argument whatever spaces or quotes it holds: <c>Process.Start("git", "log " + branch)</c> →
/// <c>Process.Start(new ProcessStartInfo("git") { ArgumentList = { "log", branch } })</c>, and
/// <c>new ProcessStartInfo("git", …)</c> likewise. The constant text is split at spaces; a value joined to text
/// (<c>"--name=" + name</c>) stays in that one argument. No action is offered when the program is a shell
/// (<c>cmd</c>, <c>sh</c>, <c>bash</c>, <c>powershell</c>…, which would still parse the value), when it is not a
/// constant, when the text quotes, or where <c>ArgumentList</c> does not exist (.NET Framework).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ArgumentListCodeFix))]
[Shared]
public sealed class ArgumentListCodeFix : BastionCodeFix
{
    public const string ArgumentListKey = RuleIdentifiers.CommandInjection + ".UseArgumentList";

    private static readonly string[] Shells = { "cmd", "powershell", "pwsh", "sh", "bash", "zsh", "dash", "ksh", "csh", "fish", "wsl", "env" };

    protected override string FixAllKey => ArgumentListKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.CommandInjection);

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        if (await RootAndModelAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        var (root, model) = document;

        var info = model.Compilation.GetTypeByMetadataName("System.Diagnostics.ProcessStartInfo");
        if (info is null || info.GetMembers("ArgumentList").IsEmpty)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>() is not
                { Parent: ArgumentListSyntax { Arguments.Count: 2 } list } argument ||
                list.Arguments[1] != argument || argument.NameColon is not null || list.Arguments[0].NameColon is not null ||
                list.Parent is not (InvocationExpressionSyntax or ObjectCreationExpressionSyntax { Initializer: null }) ||
                !StartsAProgram(list.Parent, info, model, context.CancellationToken) ||
                model.GetConstantValue(list.Arguments[0].Expression, context.CancellationToken) is not { HasValue: true, Value: string program } ||
                IsShell(program) ||
                Split(argument.Expression, model, context.CancellationToken) is not { } entries)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Pass the arguments through ProcessStartInfo.ArgumentList", ct => RewriteAsync(context.Document, list, entries, ct), ArgumentListKey),
                diagnostic);
        }
    }

    private static bool StartsAProgram(SyntaxNode call, INamedTypeSymbol info, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method &&
        (method.MethodKind == MethodKind.Constructor && SymbolEqualityComparer.Default.Equals(method.ContainingType, info) ||
         method.Name == "Start" && method.IsStatic && method.ContainingType.ToDisplayString() == "System.Diagnostics.Process") &&
        method.Parameters.Length == 2 && method.Parameters[1].Name == "arguments" && method.Parameters[1].Type.SpecialType == SpecialType.System_String;

    private static bool IsShell(string program)
    {
        var name = program.Trim().Replace('\\', '/');
        name = name.Substring(name.LastIndexOf('/') + 1);
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - 4);
        }

        return name.Length == 0 || Shells.Contains(name.ToLowerInvariant());
    }

    /// <summary>The arguments: the constant text split at white space, each value kept with the text it is joined to.
    /// Null when the text quotes or escapes (its splitting rules are the runtime's) or holds no value.</summary>
    private static List<ExpressionSyntax>? Split(ExpressionSyntax arguments, SemanticModel model, CancellationToken cancellationToken)
    {
        var segments = new List<object>();
        if (!TextTemplate.Flatten(arguments, model, segments, constants: true, cancellationToken) || !segments.Any(s => s is ExpressionSyntax))
        {
            return null;
        }

        var entries = new List<ExpressionSyntax>();
        var current = new List<object>();
        void Close()
        {
            if (current.Count > 0)
            {
                entries.Add(TextTemplate.Concatenate(current));
                current.Clear();
            }
        }

        foreach (var segment in segments)
        {
            var text = segment as string ?? (segment as TextConstant)?.Value;
            if (text is null)
            {
                current.Add(segment);
                continue;
            }

            if (text.IndexOfAny(new[] { '"', '\'', '\\' }) >= 0)
            {
                return null;
            }

            if (segment is TextConstant constant && !text.Any(char.IsWhiteSpace))
            {
                current.Add(constant.Expression);
                continue;
            }

            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || char.IsWhiteSpace(text[i]))
                {
                    if (i > start)
                    {
                        current.Add(text.Substring(start, i - start));
                    }

                    if (i < text.Length)
                    {
                        Close();
                    }

                    start = i + 1;
                }
            }
        }

        Close();
        return entries;
    }

    private static async Task<Document> RewriteAsync(Document document, ArgumentListSyntax list, List<ExpressionSyntax> entries, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var program = list.Arguments[0].Expression.WithoutTrivia();
        var argumentList = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("ArgumentList"),
            SyntaxFactory.InitializerExpression(SyntaxKind.CollectionInitializerExpression, SyntaxFactory.SeparatedList(entries)));
        var startInfo = SyntaxFactory.ObjectCreationExpression(
            SyntaxFactory.ParseTypeName("System.Diagnostics.ProcessStartInfo").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(program))),
            SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(argumentList)));

        SyntaxNode replacement = list.Parent is InvocationExpressionSyntax
            ? list.WithArguments(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(startInfo))).WithTriviaFrom(list)
            : startInfo.WithTriviaFrom(list.Parent!);
        var target = list.Parent is InvocationExpressionSyntax ? (SyntaxNode)list : list.Parent!;
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(target, replacement.WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
