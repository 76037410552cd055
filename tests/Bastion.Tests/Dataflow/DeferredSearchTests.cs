using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Configuration;
using Bastion.Analyzers.Dataflow;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Configuration.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>In a command-line build the configuration family's call-graph search answers only from the methods the
/// driver has visited, and waits for compilation end for the rest, so it never binds a body ahead of the driver. These
/// tests drive the engine by hand, in the order a driver might, and check the option that switches it on. (Every test of
/// the family also runs both ways in the harness, which requires identical diagnostics.)</summary>
public sealed class DeferredSearchTests
{
    private const string Source = """
        using System.Data.Common;
        class Controller
        {
            void Handle(DbConnection connection, string input) => new Store().Open(connection, input);
            void Other(DbConnection connection) => new Store().Shut(connection);
        }
        class Store
        {
            public void Open(DbConnection connection, string value) => Helper.Apply(connection, value);
            public void Shut(DbConnection connection) => connection.Close();
        }
        static class Helper
        {
            public static void Apply(DbConnection connection, string value) => connection.ConnectionString = value;
        }
        """;

    [Fact]
    public void BeforeTheCalleeIsVisited_TheAnswerWaitsAndNamesTheCallee()
    {
        var (engine, operations) = Prepare();
        var call = operations["Open"];

        Assert.Null(engine.MayReachSinkFromVisited(call, out var pending, CancellationToken.None));
        Assert.Equal("Open", pending?.Name);
    }

    [Fact]
    public void WhenOnlyPartOfThePathIsVisited_TheAnswerStillWaits()
    {
        var (engine, operations) = Prepare();
        engine.RecordVisit(Method(operations, "Open"), CancellationToken.None);

        Assert.Null(engine.MayReachSinkFromVisited(operations["Open"], out var pending, CancellationToken.None));
        Assert.Equal("Open", pending?.Name);
    }

    [Fact]
    public void OnceEveryMethodOnThePathIsVisited_TheAnswerIsGivenWithoutBinding()
    {
        var (engine, operations) = Prepare();
        engine.RecordVisit(Method(operations, "Open"), CancellationToken.None);
        engine.RecordVisit(Method(operations, "Apply"), CancellationToken.None);

        Assert.True(engine.MayReachSinkFromVisited(operations["Open"], out var pending, CancellationToken.None));
        Assert.Null(pending);
    }

    [Fact]
    public void AVisitedCalleeWithoutSinks_IsAnsweredNo()
    {
        var (engine, operations) = Prepare();
        engine.RecordVisit(Method(operations, "Shut"), CancellationToken.None);

        Assert.False(engine.MayReachSinkFromVisited(operations["Shut"], out var pending, CancellationToken.None));
        Assert.Null(pending);
    }

    [Fact]
    public void AtCompilationEnd_TheWaitingCallIsAnsweredByBindingWhatWasNotVisited()
    {
        var (engine, operations) = Prepare();
        Assert.Null(engine.MayReachSinkFromVisited(operations["Open"], out var pending, CancellationToken.None));

        Assert.True(engine.ReachesSinkThrough(pending!, CancellationToken.None));
        Assert.False(engine.ReachesSinkThrough(Method(operations, "Shut"), CancellationToken.None));
    }

    [Fact]
    public void LocalFunctions_AreRecordedWithTheMethodThatDeclaresThem()
    {
        const string source = """
            using System.Data.Common;
            class Store
            {
                public void Open(DbConnection connection, string value)
                {
                    Set(value);
                    void Set(string v) => connection.ConnectionString = v;
                }
            }
            class Controller { void Handle(DbConnection connection, string input) => new Store().Open(connection, input); }
            """;
        var (engine, operations) = Prepare(source);
        engine.RecordVisit(Method(operations, "Open"), CancellationToken.None);

        Assert.True(engine.MayReachSinkFromVisited(operations["Open"], out _, CancellationToken.None));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("true", null, true)]
    [InlineData("false", null, false)]
    [InlineData(null, "true", true)]
    [InlineData(null, "True", true)]
    [InlineData(null, "false", false)]
    [InlineData(null, "yes", false)]
    [InlineData("false", "true", false)]
    [InlineData("true", "false", true)]
    public void TheOptionOverridesTheBuildProperty(string? option, string? property, bool defers)
    {
        var values = new Dictionary<string, string>();
        if (option is not null)
        {
            values["bastion.dataflow.defer_call_graph_search"] = option;
        }

        if (property is not null)
        {
            values["build_property.BastionDeferCallGraphSearch"] = property;
        }

        Assert.Equal(defers, TaintLimits.DefersCallGraphSearch(new DictionaryOptions(values)));
    }

    [Fact]
    public Task AcrossThreeFiles_BothWaysFindTheFlow() =>
        Verifier.Test("""
            using System;
            using System.Data.Common;
            class Entry { void Main(DbConnection connection) => new Store().Open(connection, [|Console.ReadLine()!|]); }
            """)
            .WithSource("""
            using System.Data.Common;
            class Store { public void Open(DbConnection connection, string value) => Helper.Apply(connection, "Server=" + value); }
            """, "Store.cs")
            .WithSource("""
            using System.Data.Common;
            static class Helper { public static void Apply(DbConnection connection, string value) => connection.ConnectionString = value; }
            """, "Helper.cs")
            .RunAsync();

    private static IMethodSymbol Method(Dictionary<string, IInvocationOperation> operations, string name) => operations[name].TargetMethod;

    /// <summary>A taint engine for the configuration family over <paramref name="source"/>, and its invocations by the name
    /// of the method called, bound in a semantic model of their own.</summary>
    private static (TaintEngine Engine, Dictionary<string, IInvocationOperation> Operations) Prepare(string source = Source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Deferred", new[] { tree }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var engine = new TaintEngine(compilation, ConfigurationSinks.Create(compilation)!, TaintSources.Create(compilation), new TaintValidation(ImmutableArray<string>.Empty), TaintLimits.Default);
        var model = compilation.GetSemanticModel(tree);
        var operations = new Dictionary<string, IInvocationOperation>();
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(invocation) is IInvocationOperation operation)
            {
                operations[operation.TargetMethod.Name] = operation;
            }
        }

        return (engine, operations);
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> values;

        public DictionaryOptions(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
