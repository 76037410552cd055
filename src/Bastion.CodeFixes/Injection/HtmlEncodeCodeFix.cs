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
using Microsoft.CodeAnalysis.Simplification;

namespace Bastion.CodeFixes.Injection;

/// <summary>BST5010: encodes the values written into HTML with <c>System.Net.WebUtility.HtmlEncode</c>. In markup built
/// by concatenation or interpolation each value is encoded and the markup around it is kept; a value written alone is
/// encoded whole. HTML encoding is right for element text and quoted attribute values; where it is not (inside
/// <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c>, in an unquoted attribute, a URL attribute such as <c>href</c> or
/// <c>src</c>, an event handler or <c>style</c>) no action is offered. Values of types that carry no markup (numbers,
/// dates, <c>Guid</c>, enums) and values already encoded are left as they are.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HtmlEncodeCodeFix))]
[Shared]
public sealed class HtmlEncodeCodeFix : BastionCodeFix
{
    public const string EncodeKey = RuleIdentifiers.CrossSiteScripting + ".HtmlEncode";

    private static readonly string[] UrlAttributes = { "href", "src", "action", "formaction", "srcset", "background", "poster", "data", "style", "xlink:href" };

    protected override string FixAllKey => EncodeKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.CrossSiteScripting);

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        if (await RootAndModelAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        var (root, model) = document;

        foreach (var diagnostic in diagnostics)
        {
            var expression = ReportedExpression(root, diagnostic);
            if (expression is null || Holes(expression, model, context.CancellationToken) is not { Count: > 0 } holes)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Encode the values with WebUtility.HtmlEncode", ct => EncodeAsync(context.Document, holes, model, ct), EncodeKey),
                diagnostic);
        }
    }

    /// <summary>The values to encode, or null when one of them lands where HTML encoding is not enough.</summary>
    private static List<ExpressionSyntax>? Holes(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var segments = new List<object>();
        if (!TextTemplate.Flatten(expression, model, segments, constants: true, cancellationToken))
        {
            return null;
        }

        var before = new System.Text.StringBuilder();
        var holes = new List<ExpressionSyntax>();
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case string text:
                    before.Append(text);
                    break;
                case TextConstant constant:
                    before.Append(constant.Value);
                    break;
                case ExpressionSyntax hole when CarriesMarkup(hole, model, cancellationToken):
                    if (!EncodingSuffices(before.ToString()))
                    {
                        return null;
                    }

                    holes.Add(hole);
                    break;
            }
        }

        return holes;
    }

    private static bool CarriesMarkup(ExpressionSyntax hole, SemanticModel model, CancellationToken cancellationToken)
    {
        if (hole is InvocationExpressionSyntax invocation && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method &&
            (method.Name.Contains("Encode") || method.Name.Contains("Escape")))
        {
            return false;
        }

        var type = model.GetTypeInfo(hole, cancellationToken).Type;
        return type is not null && type.TypeKind != TypeKind.Enum && type.SpecialType is not (
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte or
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or
            SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Decimal or SpecialType.System_Single or
            SpecialType.System_Double or SpecialType.System_DateTime) &&
            type.ToDisplayString() is not ("System.Guid" or "System.DateTimeOffset" or "System.TimeSpan");
    }

    /// <summary>Whether a value after <paramref name="markup"/> lands in element text or a quoted attribute value that
    /// is not a URL, a style or an event handler.</summary>
    internal static bool EncodingSuffices(string markup)
    {
        var lower = markup.ToLowerInvariant();
        if (lower.LastIndexOf("<script", System.StringComparison.Ordinal) > lower.LastIndexOf("</script", System.StringComparison.Ordinal) ||
            lower.LastIndexOf("<style", System.StringComparison.Ordinal) > lower.LastIndexOf("</style", System.StringComparison.Ordinal))
        {
            return false;
        }

        var open = lower.LastIndexOf('<');
        if (open < 0 || open < lower.LastIndexOf('>'))
        {
            return true;
        }

        // Inside a tag: only a quoted attribute value that is still open takes encoded text safely.
        var tag = lower.Substring(open);
        var equals = tag.LastIndexOf('=');
        var value = equals < 0 ? string.Empty : tag.Substring(equals + 1).TrimStart();
        if (value.Length == 0 || value[0] is not ('"' or '\'') || value.IndexOf(value[0], 1) >= 0)
        {
            return false;
        }

        var name = tag.Substring(0, equals).TrimEnd();
        var start = name.Length;
        while (start > 0 && !char.IsWhiteSpace(name[start - 1]))
        {
            start--;
        }

        name = name.Substring(start);
        return !name.StartsWith("on", System.StringComparison.Ordinal) && !UrlAttributes.Contains(name);
    }

    private static Task<Document> EncodeAsync(Document document, List<ExpressionSyntax> holes, SemanticModel model, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var encoder = SyntaxFactory.ParseExpression("System.Net.WebUtility.HtmlEncode").WithAdditionalAnnotations(Simplifier.Annotation);
        var rewritten = root.ReplaceNodes(holes, (original, _) =>
        {
            var value = TextTemplate.Operand(original);
            if (model.GetTypeInfo(original, cancellationToken).Type is { SpecialType: not SpecialType.System_String } type)
            {
                value = type.IsReferenceType
                    ? SyntaxFactory.ParseExpression(value + "?.ToString()")
                    : SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, value, SyntaxFactory.IdentifierName("ToString")));
            }

            return SyntaxFactory.InvocationExpression(encoder, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value))))
                .WithTriviaFrom(original);
        });
        return Task.FromResult(document.WithSyntaxRoot(rewritten));
    }
}
