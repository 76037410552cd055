using System;
using System.Collections.Generic;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.ConfigurationIntegrity;

/// <summary>The sinks of the configuration-integrity family, each tagged with its rule:
/// BST2001 connection strings (<c>DbConnection.ConnectionString</c>, connection and builder constructors, any library
/// parameter named <c>connectionString</c> such as EF Core's <c>UseSqlServer</c>, <c>ChangeDatabase</c>);
/// BST2002 application configuration (<c>System.Configuration</c> writes, <c>ConfigurationManager.AppSettings</c>,
/// <c>IConfiguration[key]</c>, <c>IConfigurationSection.Value</c>, configuration files rewritten);
/// BST2003 process and system settings (environment variables, registry, <c>AppContext</c> switches,
/// <c>AppDomain</c> data, a child process's environment, the current directory and culture).</summary>
internal sealed class ConfigurationSinks : ITaintSinkCatalog
{
    private readonly DataAccessTypes dataAccess;
    private readonly LazyType configuration;
    private readonly SinkTable table;

    private ConfigurationSinks(Compilation compilation)
    {
        dataAccess = new DataAccessTypes(compilation);
        configuration = new LazyType(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
        table = new SinkTable(compilation, ConnectionStringSinks.All.AddRange(ConfigurationWriteSinks.All).AddRange(SystemSettingSinks.All));
    }

    /// <summary>Null when the compilation references none of the types the sinks are on.</summary>
    public static ConfigurationSinks? Create(Compilation compilation)
    {
        var sinks = new ConfigurationSinks(compilation);
        // System.Environment first: every real compilation has it, and its namespace is loaded anyway.
        var any = compilation.GetTypeByMetadataName("System.Environment") is not null || sinks.configuration.Value is not null ||
            sinks.dataAccess.AnyConnection;
        return any ? sinks : null;
    }

    public bool SinksInBounds => false;

    /// <summary>Every sink here is a library member (the methods and constructors of this compilation are left out).</summary>
    public bool SinksInSourceMembers => false;

    public bool IsNeutralizingReceiver(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && dataAccess.IsBuilder(named);

    public void Collect(IOperation operation, List<TaintSink> sinks)
    {
        table.Collect(operation, sinks);
        switch (operation)
        {
            case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } property } assignment when !SymbolFacts.HasSourceDeclaration(property.Property):
                CollectIndexerWrite(property, assignment.Value, sinks);
                break;
            case IInvocationOperation invocation:
                CollectInvocation(invocation, sinks);
                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                CollectConnectionStringParameters(constructor, creation.Arguments, sinks);
                break;
        }
    }

    private void CollectIndexerWrite(IPropertyReferenceOperation indexer, IOperation value, List<TaintSink> sinks)
    {
        // Every indexer below maps a string key to a string (IConfiguration, NameValueCollection, the child environment's
        // IDictionary<string, string?>): the signature first, as this runs for every indexer write of every body, and
        // the configuration type's interfaces only for a string-to-string indexer.
        var property = indexer.Property;
        if (property.Type.SpecialType != SpecialType.System_String || property.Parameters.Length != 1 || property.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        var type = property.ContainingType;
        if (SymbolFacts.Implements(type, configuration.Value))
        {
            AddIndexerSinks(indexer, value, RuleIdentifiers.UntrustedConfigurationWrite, "IConfiguration[key]", sinks);
        }
        else if (IsAppSettings(indexer.Instance))
        {
            AddIndexerSinks(indexer, value, RuleIdentifiers.UntrustedConfigurationWrite, "ConfigurationManager.AppSettings[key]", sinks);
        }
        else if (IsChildEnvironment(indexer.Instance))
        {
            AddIndexerSinks(indexer, value, RuleIdentifiers.UntrustedSystemSetting, "ProcessStartInfo.Environment[key]", sinks);
        }
    }

    private static void AddIndexerSinks(IPropertyReferenceOperation indexer, IOperation value, string ruleId, string description, List<TaintSink> sinks)
    {
        sinks.Add(new TaintSink(value, ruleId, description));
        foreach (var argument in indexer.Arguments)
        {
            sinks.Add(new TaintSink(argument.Value, ruleId, description + " (the key)"));
        }
    }

    private void CollectInvocation(IInvocationOperation invocation, List<TaintSink> sinks)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null || SymbolFacts.HasSourceDeclaration(method))
        {
            return;
        }

        var arguments = invocation.Arguments;
        switch (method.Name)
        {
            case "Add" or "Set" or "Remove" when IsAppSettings(invocation.Instance):
                AddStringArguments(arguments, RuleIdentifiers.UntrustedConfigurationWrite, "ConfigurationManager.AppSettings." + method.Name, sinks);
                return;
            case "Add" or "Remove" or "TryAdd" when IsChildEnvironment(invocation.Instance):
                AddStringArguments(arguments, RuleIdentifiers.UntrustedSystemSetting, "ProcessStartInfo.Environment." + method.Name, sinks);
                return;
            case "WriteAllText" or "WriteAllTextAsync" or "WriteAllLines" or "WriteAllLinesAsync" or "AppendAllText" or "AppendAllTextAsync" or
                "AppendAllLines" or "AppendAllLinesAsync" or "WriteAllBytes" or "WriteAllBytesAsync"
                when type.Name == "File" && arguments.Length >= 2 && ConfigurationFilePaths.Names(arguments[0].Value):
                sinks.Add(new TaintSink(arguments[1].Value, RuleIdentifiers.UntrustedConfigurationWrite, "configuration file " + ConfigurationFilePaths.FileName(arguments[0].Value) + " (File." + method.Name + ")"));
                return;
            case "Save" when type.Name is "XmlDocument" or "XDocument" or "XElement" && invocation.Instance is { } document && arguments.Length >= 1 &&
                arguments[0].Value.Type?.SpecialType == SpecialType.System_String && ConfigurationFilePaths.Names(arguments[0].Value):
                sinks.Add(new TaintSink(document, RuleIdentifiers.UntrustedConfigurationWrite, "configuration file " + ConfigurationFilePaths.FileName(arguments[0].Value) + " (" + type.Name + ".Save)"));
                return;
        }

        CollectConnectionStringParameters(method, arguments, sinks);
    }

    /// <summary>A connection constructor's string, and any library parameter named <c>connectionString</c>
    /// (<c>UseSqlServer</c>, <c>UseNpgsql</c>, <c>NpgsqlDataSource.Create</c>, <c>new MongoClient(…)</c>).</summary>
    private void CollectConnectionStringParameters(IMethodSymbol method, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, List<TaintSink> sinks)
    {
        // Arguments first, the method's declaration and namespace only for a candidate, and the type's base types and
        // interfaces last, only for a one-string constructor: this runs for every call and creation in the compilation.
        bool? applies = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter && argument.ArgumentKind == ArgumentKind.Explicit &&
                (string.Equals(parameter.Name, "connectionString", StringComparison.OrdinalIgnoreCase) ||
                 method.MethodKind == MethodKind.Constructor && method.Parameters.Length == 1 && (dataAccess.IsConnection(method.ContainingType) || dataAccess.IsBuilder(method.ContainingType))))
            {
                applies ??= !SymbolFacts.HasSourceDeclaration(method) && !IsSystemConfiguration(method.ContainingType);
                if (applies == false)
                {
                    return;
                }

                var owner = method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;
                sinks.Add(new TaintSink(argument.Value, RuleIdentifiers.UntrustedConnectionString, "the connection string of " + owner));
            }
        }
    }

    private static void AddStringArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string ruleId, string description, List<TaintSink> sinks)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                sinks.Add(new TaintSink(argument.Value, ruleId, description));
            }
        }
    }

    private static bool IsSystemConfiguration(INamedTypeSymbol? type) => type is not null && SymbolFacts.IsNamespace(type.ContainingNamespace, "Configuration", "System");

    private static bool IsAppSettings(IOperation? receiver) =>
        TaintValidation.UnwrapNullable(receiver) is IPropertyReferenceOperation { Property: { Name: "AppSettings", ContainingType: { Name: "ConfigurationManager" } owner } } &&
        IsSystemConfiguration(owner);

    private static bool IsChildEnvironment(IOperation? receiver) =>
        TaintValidation.UnwrapNullable(receiver) is IPropertyReferenceOperation { Property: { Name: "Environment" or "EnvironmentVariables", ContainingType.Name: "ProcessStartInfo" } };
}
