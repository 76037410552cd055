using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1005: where the constant is a string literal in the file, it is read from configuration or an
/// environment variable named after the variable it was stored in (or the API's parameter).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CredentialFlowCodeFix))]
[Shared]
public sealed class CredentialFlowCodeFix : MoveSecretOutOfCodeFix
{
    public CredentialFlowCodeFix()
        : base(RuleIdentifiers.CredentialFlow)
    {
    }
}
