using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Exposure;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4001 and BST4002: replaces the exposed expression with text that carries nothing — <c>"***"</c> for a
/// logged credential, <c>"An unexpected error occurred."</c> for an exception's details in a response. In an
/// interpolated string the hole becomes that text. Offered only where the diagnostic names the expression to replace
/// (its <c>ReplaceSpan</c> property) and a string can stand where it stood (a string or object is expected there). One
/// fixer per rule (<see cref="MaskLoggedValueCodeFix"/>, <see cref="GenericErrorMessageCodeFix"/>), so each has one
/// Fix All key.</summary>
public abstract class ReplaceExposedValueCodeFix : BastionCodeFix
{
    public const string MaskKey = RuleIdentifiers.SensitiveDataLogged + ".Mask";
    public const string GenericMessageKey = RuleIdentifiers.ExceptionDetailsExposed + ".GenericMessage";

    internal const string Mask = "***";
    internal const string GenericMessage = "An unexpected error occurred.";

    private readonly string ruleId;
    private readonly string key;
    private readonly string title;
    private readonly string text;

    private protected ReplaceExposedValueCodeFix(string ruleId, string key, string title, string text)
    {
        this.ruleId = ruleId;
        this.key = key;
        this.title = title;
        this.text = text;
    }

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(ruleId);

    protected override string FixAllKey => key;

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ExposureTaint.ReplaceSpanProperty, out var spanText) || !TryParseSpan(spanText, out var span) ||
                root.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax expression || expression.Span != span ||
                !CanHoldString(expression, model, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(Rewrite(root, expression, text))), key),
                diagnostic);
        }
    }

    /// <summary>The fixed code: by default the expression replaced with <paramref name="text"/>.</summary>
    private protected virtual SyntaxNode Rewrite(SyntaxNode root, ExpressionSyntax expression, string text) => Replace(root, expression, text);

    private protected static SyntaxNode Replace(SyntaxNode root, ExpressionSyntax expression, string text)
    {
        if (expression.Parent is InterpolationSyntax hole && hole.Expression == expression && hole.Parent is InterpolatedStringExpressionSyntax interpolated)
        {
            var escaped = interpolated.StringStartToken.Text.Contains("@") ? text : text.Replace("\\", "\\\\");
            var token = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.InterpolatedStringTextToken, escaped, text, SyntaxFactory.TriviaList());
            return root.ReplaceNode(hole, SyntaxFactory.InterpolatedStringText(token));
        }

        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).WithTriviaFrom(expression);
        return root.ReplaceNode(expression, literal);
    }

    private static bool CanHoldString(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression.Parent is InterpolationSyntax)
        {
            return true;
        }

        var converted = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
        return converted is not null && (converted.SpecialType is SpecialType.System_String or SpecialType.System_Object ||
            converted is INamedTypeSymbol { Name: "StringValues" } ||
            model.Compilation.ClassifyConversion(model.Compilation.GetSpecialType(SpecialType.System_String), converted).IsImplicit);
    }

    private static bool TryParseSpan(string? text, out TextSpan span)
    {
        span = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        span = new TextSpan(start, length);
        return true;
    }
}
