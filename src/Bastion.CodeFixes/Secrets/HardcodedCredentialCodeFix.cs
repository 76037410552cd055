using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1001: the hard-coded credential is read from configuration or an environment variable instead.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedCredentialCodeFix))]
[Shared]
public sealed class HardcodedCredentialCodeFix : MoveSecretOutOfCodeFix
{
    public const string MoveOutOfCodeKey = RuleIdentifiers.HardcodedCredential + ".MoveOutOfCode";
    public const string MoveToEnvironmentKey = RuleIdentifiers.HardcodedCredential + ".MoveToEnvironmentVariable";

    public HardcodedCredentialCodeFix()
        : base(RuleIdentifiers.HardcodedCredential)
    {
    }
}
