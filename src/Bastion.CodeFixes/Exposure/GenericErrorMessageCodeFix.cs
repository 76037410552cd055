using System.Composition;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4002: the exception's details in the response become <c>"An unexpected error occurred."</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GenericErrorMessageCodeFix))]
[Shared]
public sealed class GenericErrorMessageCodeFix : ReplaceExposedValueCodeFix
{
    public GenericErrorMessageCodeFix()
        : base(RuleIdentifiers.ExceptionDetailsExposed, GenericMessageKey, "Return a generic message instead of the exception's details", GenericMessage)
    {
    }
}
