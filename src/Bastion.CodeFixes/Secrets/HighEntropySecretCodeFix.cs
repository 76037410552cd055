using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1004: where the secret is the whole literal (an <c>AuthenticationHeaderValue</c> parameter, a
/// credential-named member), it is read from configuration or an environment variable. A header string with a
/// scheme in it (<c>"Bearer …"</c>) gets no action: the configured value would have to carry the scheme.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HighEntropySecretCodeFix))]
[Shared]
public sealed class HighEntropySecretCodeFix : MoveSecretOutOfCodeFix
{
    public HighEntropySecretCodeFix()
        : base(RuleIdentifiers.HighEntropySecret)
    {
    }
}
