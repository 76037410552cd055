using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.TestLeakage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Bastion.CodeFixes.TestLeakage;

/// <summary>BST3004: removes the override (the assignment statement, or the member of an object initializer), so
/// that the platform's default certificate validation applies again.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateValidationDisabledCodeFix))]
[Shared]
public sealed class CertificateValidationDisabledCodeFix : BastionCodeFix
{
    public const string RemoveOverrideKey = RuleIdentifiers.CertificateValidationDisabled + ".RemoveOverride";

    protected override string FixAllKey => RemoveOverrideKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.CertificateValidationDisabled);


    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(CertificateValidationDisabledAnalyzer.RemovableProperty) ||
                root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment)
            {
                continue;
            }

            SyntaxNode? removable = assignment.Parent switch
            {
                ExpressionStatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax => statement,
                InitializerExpressionSyntax => assignment,
                _ => null,
            };
            if (removable is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the override so that certificates are validated",
                    async ct =>
                    {
                        var editor = await DocumentEditor.CreateAsync(context.Document, ct).ConfigureAwait(false);
                        editor.RemoveNode(removable, SyntaxRemoveOptions.KeepUnbalancedDirectives | SyntaxRemoveOptions.AddElasticMarker);
                        return editor.GetChangedDocument();
                    },
                    RemoveOverrideKey),
                diagnostic);
        }
    }
}
