using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Secrets;

/// <summary>BST1003: a literal that is exactly a known-format token is read from configuration or an environment
/// variable named for the vendor (<c>GITHUB_TOKEN</c>). A token inside a longer string gets no fix.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KnownSecretFormatCodeFix))]
[Shared]
public sealed class KnownSecretFormatCodeFix : MoveSecretOutOfCodeFix
{
    public const string MoveOutOfCodeKey = RuleIdentifiers.KnownSecretFormat + ".MoveOutOfCode";
    public const string MoveToEnvironmentKey = RuleIdentifiers.KnownSecretFormat + ".MoveToEnvironmentVariable";

    public KnownSecretFormatCodeFix()
        : base(RuleIdentifiers.KnownSecretFormat)
    {
    }
}
