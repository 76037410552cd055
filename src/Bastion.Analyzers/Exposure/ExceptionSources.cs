using System;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4002's sources: an exception's details — <c>ToString()</c>, <c>StackTrace</c>, <c>Source</c>,
/// <c>TargetSite</c>, <c>Data</c>, <c>InnerException</c>, <c>GetBaseException()</c> — and its <c>Message</c>, unless the
/// exception is one meant for users: declared in this compilation (a domain error), a validation exception, or an
/// <c>ArgumentException</c> (whose message is about the input the caller sent).</summary>
internal sealed class ExceptionSources : ITaintSourceCatalog
{
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: { } instance, Property.Name: var name } when name is "StackTrace" or "Source" or "TargetSite" or "Data" or "InnerException" or "Message" && IsException(instance.Type):
                return name switch
                {
                    "StackTrace" or "Source" or "TargetSite" or "Data" or "InnerException" => "the exception's " + name,
                    "Message" when !IsMeantForUsers(instance.Type!) => "the message of " + Article(instance.Type!.Name),
                    _ => null,
                };
            case IPropertyReferenceOperation { Property: { Name: "Error", ContainingType.Name: "IExceptionHandlerFeature" or "IExceptionHandlerPathFeature" } }:
                return "the unhandled exception";
            case IInvocationOperation { Instance: { } instance, TargetMethod: { Name: "ToString" or "GetBaseException", Parameters.Length: 0 } method } when IsException(instance.Type):
                return "the exception's " + method.Name + "()";
            default:
                return null;
        }
    }

    private static readonly System.Collections.Generic.HashSet<string> MemberNames = StringSet.Of(
        "StackTrace", "Source", "TargetSite", "Data", "InnerException", "Message", "Error", "ToString", "GetBaseException");

    /// <summary>Every source above is a member named in <see cref="MemberNames"/>.</summary>
    public bool MayRead(SyntaxNode value) => SyntaxNames.MentionsAny(value, MemberNames, elementAccess: false);

    public string? DescribeBufferFill(IInvocationOperation invocation) => null;

    public string? DescribeUnbounded(IInvocationOperation invocation) => null;

    public string? DescribeParameter(IParameterSymbol parameter, IMethodSymbol method, IOperation? unit) => null;

    internal static bool IsException(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.Name == "Exception" && SymbolFacts.IsNamespace(current.ContainingNamespace, "System"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMeantForUsers(ITypeSymbol type)
    {
        if (SymbolFacts.HasSourceDeclaration(type))
        {
            return true;
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.Name is "ValidationException" or "ArgumentException")
            {
                return true;
            }
        }

        return false;
    }

    private static string Article(string name) => ("AEIOU".IndexOf(name[0]) >= 0 ? "an " : "a ") + name;
}
