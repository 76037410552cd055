using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4002's sources, one line per API: an exception's details — <c>ToString()</c>, <c>StackTrace</c>,
/// <c>Source</c>, <c>TargetSite</c>, <c>Data</c>, <c>InnerException</c>, <c>GetBaseException()</c>, the unhandled
/// exception of an error handler — and its <c>Message</c>, unless the exception is one meant for users: declared in this
/// compilation (a domain error), a validation exception, or an <c>ArgumentException</c> (whose message is about the
/// input the caller sent).</summary>
internal sealed class ExceptionSources : ITaintSourceCatalog
{
    private const string Message = "Message";

    public static readonly ImmutableArray<SourceEntry> Details = ImmutableArray.Create(
        new SourceEntry(new ApiMember("System.Exception", "StackTrace,Source,TargetSite,Data,InnerException", derived: true), "the exception's {member}"),
        new SourceEntry(new ApiMember("System.Exception", "ToString,GetBaseException", derived: true), "the exception's {member}()"),
        new SourceEntry(new ApiMember("System.Exception", Message, derived: true), "the message of {exception}"),
        new SourceEntry(new ApiMember("Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature", "Error", derived: true), "the unhandled exception"));

    /// <summary>Every member the table names, for the syntax pre-check <see cref="MayRead"/>.</summary>
    private static readonly HashSet<string> MemberNames = new(Details.SelectMany(entry => entry.Member.Members), StringComparer.Ordinal);

    private readonly MemberIndex<SourceEntry> index;

    public ExceptionSources(Compilation compilation) => index = new MemberIndex<SourceEntry>(compilation, Details, static entry => entry.Member);

    public string? Describe(IOperation operation)
    {
        var (member, instance) = operation switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: false } property => ((ISymbol)property.Property, property.Instance),
            IInvocationOperation { TargetMethod.Parameters.Length: 0 } invocation => (invocation.TargetMethod, invocation.Instance),
            _ => (null, null),
        };
        if (member is null || instance is null || !index.MayContain(member) || index.Find(member) is not { Count: > 0 } lines)
        {
            return null;
        }

        var entry = lines[0];
        if (member.Name != Message)
        {
            return entry.Label.Replace("{member}", member.Name);
        }

        return instance.Type is { } type && !IsMeantForUsers(type) ? entry.Label.Replace("{exception}", Article(type.Name)) : null;
    }

    /// <summary>Every source above is a member the table names.</summary>
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
