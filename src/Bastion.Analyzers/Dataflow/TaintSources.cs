using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The catalogue of untrusted data, in one place: what an attacker can put in a value. Request data of ASP.NET
/// Core and System.Web, model-bound parameters of controller actions, Razor Page handlers and minimal-API handlers, the
/// console, command-line arguments, environment variables, files and streams, sockets, web clients and HTTP responses,
/// and database readers. Types are resolved once per compilation; a source whose type is not referenced costs nothing.</summary>
internal sealed class TaintSources : ITaintSourceCatalog
{
    private static readonly HashSet<string> AspNetCoreRequestMembers = StringSet.Of(
        "Query", "Form", "Headers", "Cookies", "RouteValues", "Body", "BodyReader", "Path", "PathBase", "QueryString", "Host", "ReadFormAsync");

    private static readonly HashSet<string> SystemWebRequestMembers = StringSet.Of(
        "QueryString", "Params", "Form", "Cookies", "Headers", "ServerVariables", "InputStream", "RawUrl", "Url", "PathInfo",
        "UserAgent", "UrlReferrer", "Path", "get_Item", "Files", "Unvalidated");

    private static readonly HashSet<string> FileReads = StringSet.Of(
        "ReadAllText", "ReadAllTextAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadLines", "ReadLinesAsync", "ReadAllBytes",
        "ReadAllBytesAsync", "OpenText", "OpenRead");

    private static readonly HashSet<string> ReaderReads = StringSet.Of(
        "ReadLine", "ReadLineAsync", "ReadToEnd", "ReadToEndAsync", "Read", "ReadAsync", "ReadBlock", "ReadBlockAsync", "ReadString",
        "ReadChars", "ReadBytes");

    private static readonly HashSet<string> WebClientReads = StringSet.Of(
        "DownloadString", "DownloadStringTaskAsync", "DownloadData", "DownloadDataTaskAsync", "OpenRead", "OpenReadTaskAsync",
        "UploadString", "UploadStringTaskAsync", "UploadData", "UploadDataTaskAsync", "UploadValues", "UploadValuesTaskAsync");

    private static readonly HashSet<string> HttpClientReads = StringSet.Of(
        "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "SendAsync", "Send",
        "GetFromJsonAsync", "ReadAsStringAsync", "ReadAsStreamAsync", "ReadAsByteArrayAsync", "ReadFromJsonAsync", "ReadAsStream");

    private static readonly HashSet<string> DataReaderReads = StringSet.Of(
        "GetString", "GetValue", "GetFieldValue", "GetFieldValueAsync", "GetChars", "GetValues", "get_Item", "GetStream", "GetTextReader",
        "ExecuteScalar", "ExecuteScalarAsync");

    private static readonly HashSet<string> MinimalApiMaps = StringSet.Of(
        "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map", "MapFallback");

    private readonly LazyType aspNetCoreRequest;
    private readonly LazyType controllerBase;
    private readonly LazyType pageModel;
    private readonly LazyType dataRecord;
    private readonly LazyType dbCommand;
    private readonly LazyType textReader;
    private readonly LazyType binaryReader;
    private readonly LazyType httpContent;

    private TaintSources(Compilation compilation)
    {
        aspNetCoreRequest = new LazyType(compilation, "Microsoft.AspNetCore.Http.HttpRequest");
        controllerBase = new LazyType(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        pageModel = new LazyType(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        dataRecord = new LazyType(compilation, "System.Data.IDataRecord");
        dbCommand = new LazyType(compilation, "System.Data.IDbCommand");
        textReader = new LazyType(compilation, "System.IO.TextReader");
        binaryReader = new LazyType(compilation, "System.IO.BinaryReader");
        httpContent = new LazyType(compilation, "System.Net.Http.HttpContent");
    }

    public static TaintSources Create(Compilation compilation) => new(compilation);

    /// <summary>How a message names the untrusted data <paramref name="operation"/> reads, or null when it reads none.</summary>
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property: { } property }:
                return Known(Described(property.OriginalDefinition));
            case IInvocationOperation { TargetMethod: { } method }:
                // File reads depend on the path (the application's own configuration files are not sources).
                if (method.ContainingType?.Name is "File" or "FileInfo")
                {
                    return DescribeMember(operation, method, method.Name);
                }

                return Known(Described(method.OriginalDefinition));
            default:
                return null;
        }
    }

    /// <summary>What a member reads, remembered per member: asked for every property and call of every analysed body, so
    /// the lookup comes before any delegate is made.</summary>
    private string Described(ISymbol member)
    {
        if (described.TryGetValue(member, out var known))
        {
            return known;
        }

        var name = member is IPropertySymbol { IsIndexer: true } ? "get_Item" : member.Name;
        return described.GetOrAdd(member, DescribeMember(null, member, name) ?? NotASource);
    }

    private static string? Known(string described) => (object)described == NotASource ? null : described;

    /// <summary>Marks a member known not to be a source in <see cref="described"/>.</summary>
    private static readonly string NotASource = new('-', 1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, string> described = new(SymbolEqualityComparer.Default);

    private static bool ReadsConfigurationFile(IOperation? operation) =>
        operation is IInvocationOperation { Arguments.Length: > 0 } invocation && ConfigurationFilePaths.Names(invocation.Arguments[0].Value);

    private string? DescribeMember(IOperation? operation, ISymbol member, string name)
    {
        var type = member.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (member is IPropertySymbol property && IsBoundProperty(property))
        {
            return "bound property '" + property.Name + "'";
        }

        if (SymbolFacts.HasSourceDeclaration(member))
        {
            return null;
        }

        if (AspNetCoreRequestMembers.Contains(name) && SymbolFacts.DerivesFrom(type, aspNetCoreRequest.Value))
        {
            return "HttpRequest." + name;
        }

        if (SystemWebRequestMembers.Contains(name) && type.Name is "HttpRequest" or "HttpRequestBase" or "HttpRequestWrapper" &&
            SymbolFacts.IsNamespace(type.ContainingNamespace, "Web", "System"))
        {
            return "HttpRequest." + (name == "get_Item" ? "this[]" : name);
        }

        var ns = type.ContainingNamespace;
        switch (type.Name)
        {
            case "Console" when SymbolFacts.IsNamespace(ns, "System") && name is "ReadLine" or "Read" or "ReadKey" or "In" or "OpenStandardInput":
                return "Console." + name;
            case "Environment" when SymbolFacts.IsNamespace(ns, "System") && name is "GetEnvironmentVariable" or "GetEnvironmentVariables" or
                "GetCommandLineArgs" or "CommandLine" or "ExpandEnvironmentVariables":
                return name is "GetCommandLineArgs" or "CommandLine" ? "the command line" : "an environment variable";
            // The application's own configuration files are not untrusted input: rewriting appsettings.json from itself is not an attack.
            case "File" or "FileInfo" when SymbolFacts.IsNamespace(ns, "IO", "System") && FileReads.Contains(name) && !ReadsConfigurationFile(operation):
                return "file content (" + type.Name + "." + name + ")";
            case "TcpClient" when SymbolFacts.IsNamespace(ns, "Sockets", "Net", "System") && name is "GetStream":
            case "TcpListener" when SymbolFacts.IsNamespace(ns, "Sockets", "Net", "System") && name.StartsWith("Accept", System.StringComparison.Ordinal):
            case "UdpClient" when SymbolFacts.IsNamespace(ns, "Sockets", "Net", "System") && name is "Receive" or "ReceiveAsync":
                return "network data (" + type.Name + "." + name + ")";
            case "WebClient" when SymbolFacts.IsNamespace(ns, "Net", "System") && WebClientReads.Contains(name):
                return "a web response (WebClient." + name + ")";
            case "HttpClient" or "HttpClientJsonExtensions" when HttpClientReads.Contains(name):
                return "an HTTP response (" + type.Name + "." + name + ")";
        }

        if (HttpClientReads.Contains(name) && (type.Name == "HttpContentJsonExtensions" || SymbolFacts.DerivesFrom(type, httpContent.Value)))
        {
            return "an HTTP response (" + name + ")";
        }

        if (ReaderReads.Contains(name) && (SymbolFacts.DerivesFrom(type, textReader.Value) || SymbolFacts.DerivesFrom(type, binaryReader.Value)))
        {
            return "stream content (" + type.Name + "." + name + ")";
        }

        if (DataReaderReads.Contains(name) && (SymbolFacts.Implements(type, dataRecord.Value) || SymbolFacts.Implements(type, dbCommand.Value)))
        {
            return "a database value (" + type.Name + "." + (name == "get_Item" ? "this[]" : name) + ")";
        }

        return null;
    }

    /// <summary>Reads that fill a buffer argument with untrusted data: <c>Socket.Receive(buffer)</c>, <c>NetworkStream.Read(buffer)</c>.</summary>
    public string? DescribeBufferFill(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null || SymbolFacts.HasSourceDeclaration(method) || !method.Name.StartsWith("Re", System.StringComparison.Ordinal))
        {
            return null;
        }

        return type.Name switch
        {
            "Socket" when method.Name.StartsWith("Receive", System.StringComparison.Ordinal) && SymbolFacts.IsNamespace(type.ContainingNamespace, "Sockets", "Net", "System") => "network data (Socket." + method.Name + ")",
            "NetworkStream" or "SslStream" when method.Name.StartsWith("Read", System.StringComparison.Ordinal) => "network data (" + type.Name + "." + method.Name + ")",
            _ => null,
        };
    }

    /// <summary>Why a parameter of <paramref name="method"/> holds untrusted data at entry: a model-bound parameter of a
    /// controller action, a Razor Page handler or a minimal-API handler, or the command-line arguments of <c>Main</c>.</summary>
    public string? DescribeParameter(IParameterSymbol parameter, IMethodSymbol method, IOperation? unit)
    {
        if (method.MethodKind == MethodKind.AnonymousFunction)
        {
            return IsMinimalApiHandler(unit) && IsBindable(parameter) ? "handler parameter '" + parameter.Name + "'" : null;
        }

        if (parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } && method.IsStatic &&
            method.Name is "Main" or "<Main>$" && method.Parameters.Length == 1)
        {
            return "the command line";
        }

        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || !IsBindable(parameter))
        {
            return null;
        }

        var type = method.ContainingType;
        if (SymbolFacts.DerivesFrom(type, pageModel.Value) && method.Name.StartsWith("On", System.StringComparison.Ordinal))
        {
            return "handler parameter '" + parameter.Name + "'";
        }

        return IsController(type) && !HasAttribute(method, "NonActionAttribute") ? "action parameter '" + parameter.Name + "'" : null;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> controllers = new(SymbolEqualityComparer.Default);

    private bool IsController(INamedTypeSymbol type) => controllers.GetOrAdd(type, ComputeIsController);

    private bool ComputeIsController(INamedTypeSymbol type)
    {
        if (SymbolFacts.DerivesFrom(type, controllerBase.Value))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "Controller" or "ApiController" && SymbolFacts.IsNamespace(current.ContainingNamespace, "Mvc", "Web", "System") ||
                current.Name == "ApiController" && SymbolFacts.IsNamespace(current.ContainingNamespace, "Http", "Web", "System") ||
                HasAttribute(current, "ApiControllerAttribute") || HasAttribute(current, "ControllerAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a framework fills this parameter from the request: not a service, token or context.</summary>
    private static bool IsBindable(IParameterSymbol parameter)
    {
        if (HasAttribute(parameter, "FromServicesAttribute") || HasAttribute(parameter, "FromKeyedServicesAttribute"))
        {
            return false;
        }

        return parameter.Type.Name is not ("CancellationToken" or "HttpContext" or "HttpRequest" or "HttpResponse" or "ClaimsPrincipal" or "ILogger") &&
            !(parameter.Type.TypeKind == TypeKind.Interface && parameter.Type.Name.EndsWith("Service", System.StringComparison.Ordinal));
    }

    /// <summary>A public action of a controller (not <c>[NonAction]</c>): its parameters are model-bound, its return value
    /// is the response.</summary>
    internal bool IsControllerAction(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } &&
        IsController(method.ContainingType) && !HasAttribute(method, "NonActionAttribute");

    private static bool IsMinimalApiHandler(IOperation? unit) => MinimalApiMap(unit) is not null;

    /// <summary>The <c>MapGet</c>, <c>MapPost</c>, … of ASP.NET Core's endpoint routing that <paramref name="unit"/> (a
    /// lambda) is given to, or null when it is not a minimal-API handler.</summary>
    internal static IMethodSymbol? MinimalApiMap(IOperation? unit)
    {
        var parent = unit?.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { } map } } &&
            MinimalApiMaps.Contains(map.Name) && map.ContainingNamespace is { Name: "Builder", ContainingNamespace.Name: "AspNetCore" }
            ? map
            : null;
    }

    private static bool IsBoundProperty(IPropertySymbol property) =>
        SymbolFacts.HasSourceDeclaration(property) && property.SetMethod is not null &&
        (HasAttribute(property, "BindPropertyAttribute") || HasAttribute(property.ContainingType, "BindPropertiesAttribute"));

    private static bool HasAttribute(ISymbol symbol, string name)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
