using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.ConfigurationIntegrity;
using Bastion.Analyzers.Dataflow;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

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
            void Quiet(DbConnection connection, string text) => new Store().Open(connection, text);
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
    public void BeforeTheCalleeIsVisited_TheCallWaitsWithItsCallee()
    {
        var session = new Session();

        Assert.Empty(session.Visit("Handle"));
        var pending = Assert.Single(session.Engine.Pending);
        Assert.Equal("Open", pending.Target!.Name);
        Assert.Equal("Handle", pending.ContainingSymbol.Name);
    }

    [Fact]
    public void WhenOnlyPartOfThePathIsVisited_TheCallStillWaits()
    {
        var session = new Session();
        session.Visit("Open");

        Assert.Empty(session.Visit("Handle"));
        Assert.Equal(new[] { "Apply", "Open" }, session.Engine.Pending.Select(p => p.Target!.Name).OrderBy(n => n));
    }

    [Fact]
    public void OnceEveryMethodOnThePathIsVisited_TheCallIsAnsweredAtOnce()
    {
        var session = new Session();
        var atTheSink = session.Visit("Apply");
        session.Visit("Open");

        var calls = session.Visit("Handle");

        Assert.Equal(OperationKind.SimpleAssignment, Assert.Single(atTheSink).Kind);
        Assert.Equal("Open", ((IInvocationOperation)Assert.Single(calls)).TargetMethod.Name);
        Assert.Empty(session.Engine.Pending);
    }

    [Fact]
    public void UntilABodyReadsASource_ACallThatReachesASinkWaits_AndWithoutOneCompilationEndHasNothingToDo()
    {
        var session = new Session(readInputFirst: false);

        Assert.Empty(session.Visit("Apply"));
        Assert.Empty(session.Visit("Open"));
        Assert.Empty(session.Visit("Quiet"));
        Assert.False(session.Engine.SawSource);
        Assert.Equal(new[] { "Apply", "Open", "Quiet" }, session.Engine.Pending.Select(p => p.ContainingSymbol.Name).OrderBy(n => n));
        var waiting = session.Engine.Pending.Single(p => p.ContainingSymbol.Name == "Quiet");
        Assert.Null(session.Engine.Pending.Single(p => p.ContainingSymbol.Name == "Apply").Target);

        // Once a body reads input, calls that reach a sink are analysed at once; the waiting one at compilation end.
        session.Visit("Read");
        Assert.True(session.Engine.SawSource);
        Assert.Single(session.Visit("Handle"));
        Assert.True(session.Engine.ReachesSinkThrough(waiting.Target!, CancellationToken.None));
    }

    [Fact]
    public void AVisitedCalleeWithoutSinks_IsAnsweredNo()
    {
        var session = new Session();
        session.Visit("Shut");

        Assert.Empty(session.Visit("Other"));
        Assert.Empty(session.Engine.Pending);
    }

    [Fact]
    public void AnEditor_BindsWhatTheSearchNeeds_AndNothingWaits()
    {
        var session = new Session();

        var calls = session.Visit("Handle", bindCallees: true);

        Assert.Equal("Open", ((IInvocationOperation)Assert.Single(calls)).TargetMethod.Name);
        Assert.Empty(session.Visit("Other", bindCallees: true));
        Assert.Empty(session.Engine.Pending);
    }

    [Fact]
    public void ASecondVisitOfASymbol_FindsWhatTheFirstFound()
    {
        // Rules hosted apart each visit every body: a visit keeps nothing but records, so the second answers alike.
        var session = new Session();
        session.Visit("Apply");
        session.Visit("Open");

        var first = session.Visit("Handle");
        var second = session.Visit("Handle");

        Assert.Equal("Open", ((IInvocationOperation)Assert.Single(first)).TargetMethod.Name);
        Assert.Same(Assert.Single(first).Syntax, Assert.Single(second).Syntax);
        Assert.Empty(session.Engine.Pending);
    }

    [Fact]
    public void UntilABodyReadsASource_AnInterfaceCallWaits_AndIsAnsweredThroughItsImplementation()
    {
        // A library that reads no input: a call that could reach a sink waits, unsearched, for compilation end.
        const string source = """
            using System.Data.Common;
            interface IStore { void Open(DbConnection connection, string value); }
            class Store : IStore { public void Open(DbConnection connection, string value) => connection.ConnectionString = value; }
            class Controller { void Handle(DbConnection connection, IStore store, string text) => store.Open(connection, text); }
            """;
        var session = new Session(source, readInputFirst: false);
        session.Visit("Open");

        Assert.Empty(session.Visit("Handle"));
        Assert.False(session.Engine.SawSource);
        var waiting = Assert.Single(session.Engine.Pending, p => p.ContainingSymbol.Name == "Handle");
        Assert.Equal("IStore", waiting.Target!.ContainingType.Name);

        // The interface call reaches the sink through its implementation, looked up when asked.
        Assert.True(session.Engine.ReachesSinkThrough(waiting.Target, CancellationToken.None));
    }

    [Fact]
    public void AtCompilationEnd_TheWaitingCallIsAnsweredByBindingWhatWasNotVisited_AndFoundAgain()
    {
        var session = new Session();
        session.Visit("Handle");
        session.Visit("Other");
        var pending = session.Engine.Pending.ToDictionary(p => p.Target!.Name);

        Assert.True(session.Engine.ReachesSinkThrough(pending["Open"].Target!, CancellationToken.None));
        Assert.False(session.Engine.ReachesSinkThrough(pending["Shut"].Target!, CancellationToken.None));
        var found = pending["Open"].Find(session.Compilation, CancellationToken.None);
        Assert.Equal("Open", ((IInvocationOperation)found!).TargetMethod.Name);
    }

    [Fact]
    public void AnImplicitOperation_IsFoundAgainByItsKind()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Data.Common;
            class Bag : List<string> { public new void Add(string value) => Store.Set(value); }
            static class Store { public static DbConnection? Connection; public static void Set(string value) => Connection!.ConnectionString = value; }
            class Controller { Bag Handle(string input) => new Bag { input }; }
            """;
        var session = new Session(source);
        session.Visit("Handle");

        var pending = Assert.Single(session.Engine.Pending, p => p.Target!.Name == "Add");
        var found = pending.Find(session.Compilation, CancellationToken.None);

        Assert.True(found is IInvocationOperation { IsImplicit: true, TargetMethod.Name: "Add" });
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
        var session = new Session(source);
        session.Visit("Open");

        Assert.Single(session.Visit("Handle"));
        Assert.Empty(session.Engine.Pending);
    }

    [Fact]
    public void CallsInLambdas_AreCheckedLikeOperationActionsWouldCheckThem()
    {
        const string source = """
            using System;
            using System.Data.Common;
            static class Store { public static void Apply(DbConnection connection, string value) => connection.ConnectionString = value; }
            class Controller { Action<string> Handle(DbConnection connection) => input => Store.Apply(connection, input); }
            """;
        var session = new Session(source);
        session.Visit("Apply");

        Assert.Single(session.Visit("Handle"));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "", false)]
    [InlineData("true", null, true)]
    [InlineData("false", null, false)]
    [InlineData(null, "true", true)]
    [InlineData(null, "True", true)]
    [InlineData(null, "false", false)]
    [InlineData(null, "yes", false)]
    [InlineData("false", "true", false)]
    [InlineData("true", "false", true)]
    public void TheOptionOverridesTheBuildProperty_AndNoPropertyAtAllMeansACompilerRun(string? option, string? property, bool defers)
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

    /// <summary>A taint engine for the configuration family over one source, and its methods' operation blocks handed
    /// to it one at a time, as a driver would (each method's body, bound in a semantic model of the test's own).</summary>
    private sealed class Session
    {
        private readonly SemanticModel model;
        private readonly SyntaxTree tree;

        public Session(string source = Source, bool readInputFirst = true)
        {
            // A body that reads untrusted data: visited first, it lets the pre-check answer "now" (TaintEngine.SawSource).
            tree = CSharpSyntaxTree.ParseText(source + "\nstatic class Input { static string Read() => System.Console.ReadLine()!; }", new CSharpParseOptions(LanguageVersion.Latest));
            Compilation = CSharpCompilation.Create("Deferred", new[] { tree }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Engine = new TaintEngine(Compilation, ConfigurationSinks.Create(Compilation)!, TaintSources.Create(Compilation), new TaintValidation(ImmutableArray<string>.Empty), TaintLimits.Default);
            model = Compilation.GetSemanticModel(tree);
            if (readInputFirst)
            {
                Visit("Read");
            }
        }

        public Compilation Compilation { get; }

        public TaintEngine Engine { get; }

        /// <summary>The operations the pre-check answers "yes" for now.</summary>
        public ImmutableArray<IOperation> Visit(string methodName, bool bindCallees = false)
        {
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == methodName && (m.Body is not null || m.ExpressionBody is not null));
            var symbol = model.GetDeclaredSymbol(declaration)!;
            return Engine.Visit(symbol, ImmutableArray.Create(model.GetOperation(declaration)!), bindCallees, CancellationToken.None);
        }
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> values;

        public DictionaryOptions(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
