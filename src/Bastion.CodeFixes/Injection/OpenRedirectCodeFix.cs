using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Injection;

/// <summary>BST5006: redirects only to local URLs. ASP.NET Core's <c>Redirect</c>, <c>RedirectPermanent</c>,
/// <c>RedirectPreserveMethod</c> and <c>RedirectPermanentPreserveMethod</c> (of a controller or a Razor page) become their
/// <c>LocalRedirect…</c> twins, <c>Results.Redirect</c> becomes <c>Results.LocalRedirect</c> and <c>new RedirectResult</c>
/// becomes <c>new LocalRedirectResult</c>: they throw for a URL that leaves the site instead of following it. System.Web's
/// redirects have no local form: no action is offered there.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OpenRedirectCodeFix))]
[Shared]
public sealed class OpenRedirectCodeFix : BastionCodeFix
{
    public const string LocalKey = RuleIdentifiers.OpenRedirect + ".RedirectLocally";

    protected override string FixAllKey => LocalKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.OpenRedirect);

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        if (await RootAndModelAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        var (root, model) = document;

        foreach (var diagnostic in diagnostics)
        {
            var argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>();
            if (argument?.Parent?.Parent is not { } call || LocalName(call, model, context.CancellationToken) is not { } name)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Redirect only to local URLs ({name.Local})", ct => RenameAsync(context.Document, name.Token, name.Local, ct), LocalKey),
                diagnostic);
        }
    }

    /// <summary>The name token to change and its local twin, when the call is an ASP.NET Core redirect that has one.</summary>
    private static (SyntaxToken Token, string Local)? LocalName(SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (call)
        {
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method:
                var token = invocation.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier,
                    MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier,
                    _ => default,
                };
                return token.RawKind != 0 && IsAspNetCore(method.ContainingType) && HasMember(method.ContainingType, "Local" + method.Name)
                    ? (token, "Local" + method.Name)
                    : null;
            case ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax type } creation
                when model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol { Name: "RedirectResult" } created && IsAspNetCore(created):
                return model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.LocalRedirectResult") is null ? null : (type.Identifier, "LocalRedirectResult");
            default:
                return null;
        }
    }

    private static bool IsAspNetCore(INamedTypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() is { } ns && ns.StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal);

    private static bool HasMember(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (!current.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Document> RenameAsync(Document document, SyntaxToken token, string local, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var renamed = SyntaxFactory.Identifier(token.LeadingTrivia, local, token.TrailingTrivia);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceToken(token, renamed));
    }
}
