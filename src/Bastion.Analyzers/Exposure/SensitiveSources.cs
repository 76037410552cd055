using System;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Exposure;

/// <summary>BST4001's sources for the taint engine: values that are credentials whatever they are called — connection
/// strings (<c>GetConnectionString</c>, <c>DbConnection.ConnectionString</c>, builders), <c>NetworkCredential.Password</c>,
/// the <c>Authorization</c> header (ASP.NET Core, <c>HttpClient</c>, its parameter), and request or configuration
/// entries read with a credential-named key (<c>Request.Form["password"]</c>).</summary>
internal sealed class SensitiveSources : ITaintSourceCatalog
{
    private readonly DataAccessTypes dataAccess;

    public SensitiveSources(DataAccessTypes dataAccess) => this.dataAccess = dataAccess;

    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "GetConnectionString", ContainingType.Name: "ConfigurationExtensions" } }:
                return "a connection string (IConfiguration.GetConnectionString)";
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return IsRequestOrConfiguration(indexer.Property.ContainingType) && SensitiveValues.Find(indexer) is { } part ? "the value of " + part.Description : null;
            case IPropertyReferenceOperation property:
                var symbol = property.Property;
                var type = property.Instance?.Type ?? symbol.ContainingType;
                switch (symbol.Name)
                {
                    case "ConnectionString" when !SymbolFacts.HasSourceDeclaration(symbol) && type is INamedTypeSymbol named && (dataAccess.IsConnection(named) || dataAccess.IsBuilder(named)):
                        return "a connection string (" + symbol.ContainingType.Name + ".ConnectionString)";
                    case "Password" when symbol.ContainingType.Name == "NetworkCredential":
                        return "a password (NetworkCredential.Password)";
                    case "Authorization" when symbol.ContainingType.Name is "IHeaderDictionary" or "HttpRequestHeaders" or "HeaderDictionaryTypeExtensions":
                        return "the Authorization header";
                    case "Parameter" when symbol.ContainingType.Name == "AuthenticationHeaderValue":
                        return "the credentials of an Authorization header";
                }

                return null;
            default:
                return null;
        }
    }

    private static readonly System.Collections.Generic.HashSet<string> MemberNames = StringSet.Of(
        "GetConnectionString", "ConnectionString", "Password", "Authorization", "Parameter");

    /// <summary>Every source above is a member named in <see cref="MemberNames"/> or an indexer.</summary>
    public bool MayRead(SyntaxNode value) => SyntaxNames.MentionsAny(value, MemberNames, elementAccess: true);

    public string? DescribeBufferFill(IInvocationOperation invocation) => null;

    public string? DescribeUnbounded(IInvocationOperation invocation) => null;

    public string? DescribeParameter(IParameterSymbol parameter, IMethodSymbol method, IOperation? unit) => null;

    private static bool IsRequestOrConfiguration(INamedTypeSymbol? type)
    {
        var ns = type?.ContainingNamespace;
        return SymbolFacts.IsWithinNamespace(ns, "Microsoft.AspNetCore") || SymbolFacts.IsWithinNamespace(ns, "Microsoft.Extensions.Configuration") ||
            SymbolFacts.IsNamespace(ns, "System.Collections.Specialized") || SymbolFacts.IsWithinNamespace(ns, "System.Web");
    }
}
