using System.Collections.Generic;
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
    private static readonly HashSet<string> MinimalApiMaps = StringSet.Of(
        "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map", "MapFallback");

    private readonly LazyType controllerBase;
    private readonly LazyType pageModel;
    private readonly MemberIndex<SourceEntry> reads;
    private readonly MemberIndex<SourceEntry> bufferFills;
    private readonly MemberIndex<SourceEntry> unbounded;

    /// <summary>Whether the program's command line (<c>Main</c>'s and top-level <c>args</c>,
    /// <c>Environment.GetCommandLineArgs</c>) is input. By default it is not: whoever starts a program chooses what it
    /// works on, a file to read or a connection string to use, with the rights they already have (the threat model of
    /// CodeQL's default "remote" sources). A program started by a less trusted one (a setuid tool, a CGI script) sets
    /// <c>bastion.dataflow.command_line_is_untrusted = true</c>.</summary>
    private readonly bool commandLine;

    private TaintSources(Compilation compilation, bool commandLine)
    {
        this.commandLine = commandLine;
        controllerBase = new LazyType(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        pageModel = new LazyType(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        reads = new MemberIndex<SourceEntry>(compilation, TaintSourceTable.Reads, static entry => entry.Member);
        bufferFills = new MemberIndex<SourceEntry>(compilation, TaintSourceTable.BufferFills, static entry => entry.Member);
        unbounded = new MemberIndex<SourceEntry>(compilation, TaintSourceTable.Unbounded, static entry => entry.Member);
    }

    public static TaintSources Create(Compilation compilation, bool commandLine = false) => new(compilation, commandLine);

    /// <summary>The option that makes the command line a source, from the global options.</summary>
    public static bool CommandLineIsUntrusted(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions globalOptions) =>
        new RuleOptions(globalOptions, "dataflow").GetBool("command_line_is_untrusted", false);

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
                    return DescribeMember(operation, method);
                }

                var read = Known(Described(method.OriginalDefinition));
                return read is not null && openedHere.ContainsKey(method.OriginalDefinition) && !IsOpenedHere(((IInvocationOperation)operation).Instance) ? null : read;
            default:
                return null;
        }
    }

    /// <summary>Members whose reads count only on a receiver opened where it is read (<see cref="SourceEntry.OpenedHere"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, bool> openedHere = new(SymbolEqualityComparer.Default);

    /// <summary>A reader created or opened in the reading method: <c>new StreamReader(…)</c> itself, or a local declared with
    /// a creation or a call (<c>File.OpenText(path)</c>, <c>client.GetStream()</c>). A parameter, a field or a property is
    /// not: who opened it, and on what, is the caller's business.</summary>
    private static bool IsOpenedHere(IOperation? receiver)
    {
        receiver = receiver is null ? null : TaintValidation.Unwrap(receiver);
        switch (receiver)
        {
            case IObjectCreationOperation or IInvocationOperation:
                return true;
            case Microsoft.CodeAnalysis.FlowAnalysis.IFlowCaptureReferenceOperation:
                // The graph captured the receiver before evaluating arguments: not known here, counted as input.
                return true;
            case ILocalReferenceOperation { Local: { } local }:
                return ReceiverTypes.Declarator(local)?.Initializer?.Value is Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax or
                    Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AwaitExpressionSyntax;
            default:
                return false;
        }
    }

    /// <summary>What a member reads, remembered per member: asked for every property and call of every analysed body, so
    /// the lookup comes before any delegate is made.</summary>
    private string Described(ISymbol member)
    {
        // Most members are named by no line and cannot be a bound property: answered without the cache, whose inserts
        // (one per member of the build) cost more than the answer.
        if (!reads.MayContain(member) && member is not IPropertySymbol { SetMethod: not null })
        {
            return NotASource;
        }

        if (described.TryGetValue(member, out var known))
        {
            return known;
        }

        return described.GetOrAdd(member, DescribeMember(null, member) ?? NotASource);
    }

    private static string? Known(string described) => (object)described == NotASource ? null : described;

    /// <summary>Marks a member known not to be a source in <see cref="described"/>.</summary>
    private static readonly string NotASource = new('-', 1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, string> described = new(SymbolEqualityComparer.Default);

    private static bool ReadsConfigurationFile(IOperation? operation) =>
        operation is IInvocationOperation { Arguments.Length: > 0 } invocation && ConfigurationFilePaths.Names(invocation.Arguments[0].Value);

    private string? DescribeMember(IOperation? operation, ISymbol member)
    {
        if (member.ContainingType is null)
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

        var entry = Find(reads, member);
        if (entry is null || entry.ExceptConfigurationFiles && ReadsConfigurationFile(operation) || entry.CommandLine && !commandLine)
        {
            return null;
        }

        if (entry.OpenedHere)
        {
            openedHere.TryAdd(member, true);
        }

        return Label(entry, member);
    }

    /// <summary>Reads that fill a buffer argument with untrusted data: <c>Socket.Receive(buffer)</c>, <c>NetworkStream.Read(buffer)</c>.</summary>
    public string? DescribeBufferFill(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType is null || !method.Name.StartsWith("Re", System.StringComparison.Ordinal) || SymbolFacts.HasSourceDeclaration(method))
        {
            return null;
        }

        return Find(bufferFills, method) is { } entry ? Label(entry, method) : null;
    }

    /// <summary>The catalogue is long and includes bound properties: every expression may read it.</summary>
    public bool MayRead(SyntaxNode value) => true;

    /// <summary>How a message names the unbounded number a call without arguments returns (<c>random.Next()</c>), or null.</summary>
    public string? DescribeUnbounded(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Parameters.Length != 0 || method.ReturnType.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64) ||
            SymbolFacts.HasSourceDeclaration(method))
        {
            return null;
        }

        return Find(unbounded, method) is { } entry ? Label(entry, method) : null;
    }

    /// <summary>How a message names the maximum a local is set to (<c>var size = int.MaxValue;</c>), or null: the maximum as
    /// a whole value written to a variable, not as a sentinel (one arm of <c>?:</c>, <c>??</c>, an argument).</summary>
    public static string? DescribeExtremeLocal(ISimpleAssignmentOperation assignment) =>
        assignment.Target.Kind == OperationKind.LocalReference ? DescribeExtreme(assignment.Value) : null;

    /// <summary>How a message names a constant that is its type's maximum (<c>int.MaxValue</c>, <c>long.MaxValue</c>,
    /// through implicit conversions): as a size, count or duration, no limit at all. Null for any other value.</summary>
    private static string? DescribeExtreme(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        var extreme = value.ConstantValue.HasValue && value.ConstantValue.Value switch
        {
            int number => number == int.MaxValue,
            uint number => number == uint.MaxValue,
            long number => number == long.MaxValue,
            ulong number => number == ulong.MaxValue,
            _ => false,
        };

        if (!extreme)
        {
            return null;
        }

        var written = value.Syntax.ToString();
        return "the constant " + (written.Length <= 40 && written.IndexOf('\n') < 0
            ? written
            : System.Convert.ToString(value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static SourceEntry? Find(MemberIndex<SourceEntry> index, ISymbol member)
    {
        var lines = index.Find(member);
        return lines.Count == 0 ? null : lines[0];
    }

    private static string Label(SourceEntry entry, ISymbol member) =>
        entry.Label.Replace("{type}", member.ContainingType.Name).Replace("{member}", MemberIndex<SourceEntry>.NameOf(member));

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
            return commandLine ? "the command line" : null;
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
