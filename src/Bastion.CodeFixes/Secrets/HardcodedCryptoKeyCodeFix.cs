using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1006: a constant key or IV (a byte array, <c>Encoding.UTF8.GetBytes("…")</c>,
/// <c>Convert.FromBase64String("…")</c>) is replaced by a base64 value read from configuration or an environment
/// variable: <c>Convert.FromBase64String(configuration["EncryptionKey"] ?? throw …)</c>. Offered only where the
/// constant key is a byte-array constant in the file.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedCryptoKeyCodeFix))]
[Shared]
public sealed class HardcodedCryptoKeyCodeFix : MoveSecretOutOfCodeFix
{
    public HardcodedCryptoKeyCodeFix()
        : base(RuleIdentifiers.HardcodedCryptoKey)
    {
    }

    protected override ExpressionSyntax WrapRead(ExpressionSyntax read) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseName("System.Convert").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.IdentifierName("FromBase64String")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(read))));
}
