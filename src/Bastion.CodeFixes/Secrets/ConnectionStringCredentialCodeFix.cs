using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1002: a literal connection string holding a credential is read, whole, from configuration or an
/// environment variable instead (splicing a secret back into a string would invite <c>;</c>-injection). Only a
/// single literal is fixed; for concatenations and interpolations no action is offered.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConnectionStringCredentialCodeFix))]
[Shared]
public sealed class ConnectionStringCredentialCodeFix : MoveSecretOutOfCodeFix
{
    public ConnectionStringCredentialCodeFix()
        : base(RuleIdentifiers.ConnectionStringCredential)
    {
    }
}
