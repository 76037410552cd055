using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4001: the logged credential becomes <c>"***"</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaskLoggedValueCodeFix))]
[Shared]
public sealed class MaskLoggedValueCodeFix : ReplaceExposedValueCodeFix
{
    public MaskLoggedValueCodeFix()
        : base(RuleIdentifiers.SensitiveDataLogged, MaskKey, "Log a mask instead of the value", Mask)
    {
    }
}
