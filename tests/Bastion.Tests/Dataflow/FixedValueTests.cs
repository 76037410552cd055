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
using Microsoft.CodeAnalysis.Operations;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>;

namespace Bastion.Tests.Dataflow;

/// <summary>The engine's "fixed value" check: a sink given a value no context can make untrusted does not make the
/// methods that reach it worth analysing. Each case asks the check directly about the value assigned to
/// <c>ConnectionString</c> in <c>Open</c>, and the flow tests below show that every way a caller can shape such a
/// member still reaches BST2001.</summary>
public sealed class FixedValueTests
{
    private const string Usings = "using System; using System.Data.Common; using Microsoft.Extensions.Configuration;\n";

    [Fact]
    public void FieldSetOnlyInTheConstructorOfAnInjectedService_IsFixed() => Assert.True(IsFixed("""
        class Repository
        {
            private readonly string connectionString;
            public Repository(IConfiguration configuration) => connectionString = configuration.GetConnectionString("Shop") ?? throw new InvalidOperationException();
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        """));

    [Fact]
    public void ConstantsAndStaticInitializers_AreFixed() => Assert.True(IsFixed("""
        class Repository
        {
            private static readonly string Database = "shop";
            private const string Server = "db";
            void Open(DbConnection connection) => connection.ConnectionString = $"Server={Server};Database={Database}";
        }
        """));

    [Fact]
    public void TypeCreatedByCodeOfTheCompilation_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private readonly string connectionString;
            public Repository(string connectionString) => this.connectionString = connectionString;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        class Factory { Repository Make(string s) => new Repository(s); }
        """));

    [Fact]
    public void TypeCreatedTargetTyped_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private readonly string connectionString;
            public Repository(string connectionString) => this.connectionString = connectionString;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        class Factory { Repository Make(string s) { Repository r = new(s); return r; } }
        """));

    [Fact]
    public void TypeWithADerivedType_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private readonly string connectionString;
            public Repository(string connectionString) => this.connectionString = connectionString;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        class Derived : Repository { public Derived(string s) : base(s) { } }
        """));

    /// <summary>Creations and base lists are found by the name the type syntax ends in, however it is spelled; a name
    /// only mentioned (a declaration, <c>typeof</c>, a cast, a type argument) creates nothing.</summary>
    [Theory]
    [InlineData("class Factory { Data.Repository Make(string s) => new Data.Repository(s); }", false)]
    [InlineData("class Factory { Data.Repository Make(string s) => new global::Data.Repository(s); }", false)]
    [InlineData("class Factory { object Make(string s) => new Data.Repository(s) { }; }", false)]
    [InlineData("class Derived : Data.Repository { public Derived(string s) : base(s) { } }", false)]
    [InlineData("class Derived : global::Data.Repository, IDisposable { public Derived(string s) : base(s) { } public void Dispose() { } }", false)]
    [InlineData("namespace Outer { class Holder { class Derived : Data.Repository { public Derived(string s) : base(s) { } } } }", false)]
    [InlineData("class Mentions { Data.Repository? r; Type t = typeof(Data.Repository); object Cast(object o) => (Data.Repository)o; System.Collections.Generic.List<Data.Repository> all = new(); }", true)]
    [InlineData("class Other { object Make() => new Data.RepositoryOptions(); } namespace Data { class RepositoryOptions { } }", true)]
    public void CreationsAndBaseTypes_AreFoundHoweverTheTypeIsSpelled(string elsewhere, bool isFixed) => Assert.Equal(isFixed, IsFixed("""
        namespace Data
        {
            class Repository
            {
                private readonly string connectionString;
                public Repository(string connectionString) => this.connectionString = connectionString;
                void Open(DbConnection connection) => connection.ConnectionString = connectionString;
            }
        }
        """ + "\n" + elsewhere));

    [Fact]
    public void FieldWrittenOutsideAConstructor_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private string connectionString = "Server=db";
            public void Configure(string value) => connectionString = value;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        """));

    [Fact]
    public void FieldGivenUntrustedDataInTheConstructor_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private readonly string connectionString;
            public Repository() => connectionString = Environment.GetEnvironmentVariable("DB")!;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        """));

    [Fact]
    public void FieldPassedByRef_IsNotFixed() => Assert.False(IsFixed("""
        class Repository
        {
            private string connectionString = "";
            public Repository() => Fill(ref connectionString);
            static void Fill(ref string s) => s = Console.ReadLine()!;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        """));

    [Fact]
    public void PrimaryConstructorInitializerOfACreatedType_IsNotFixed() => Assert.False(IsFixed("""
        class Repository(string server)
        {
            private readonly string connectionString = "Server=" + server;
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        class Factory { Repository Make() => new Repository(Console.ReadLine()!); }
        """));

    [Fact]
    public void MemberOfATypeThatMayBeAnUntrustedObject_IsNotFixed() => Assert.False(IsFixed("""
        class Settings
        {
            public string Name { get; set; } = "";
            private readonly string connectionString = "Server=db";
            void Open(DbConnection connection) => connection.ConnectionString = connectionString;
        }
        """));

    [Fact]
    public void OptionsPropertyNeverWrittenInCode_IsFixed() => Assert.True(IsFixed("""
        class ShopOptions { public string ConnectionString { get; set; } = ""; }
        class Repository
        {
            private readonly Microsoft.Extensions.Options.IOptions<ShopOptions> options;
            public Repository(Microsoft.Extensions.Options.IOptions<ShopOptions> options) => this.options = options;
            void Open(DbConnection connection) => connection.ConnectionString = options.Value.ConnectionString;
        }
        """));

    [Fact]
    public void OptionsPropertyWrittenByAnObjectInitializer_IsNotFixed() => Assert.False(IsFixed("""
        class ShopOptions { public string ConnectionString { get; set; } = ""; }
        class Repository
        {
            private readonly Microsoft.Extensions.Options.IOptions<ShopOptions> options;
            public Repository(Microsoft.Extensions.Options.IOptions<ShopOptions> options) => this.options = options;
            void Open(DbConnection connection) => connection.ConnectionString = options.Value.ConnectionString;
        }
        class Setup { ShopOptions Make() => new ShopOptions { ConnectionString = Console.ReadLine()! }; }
        """));

    [Fact]
    public void LocalsParametersAndCallsIntoTheCompilation_AreNotFixed()
    {
        Assert.False(IsFixed("""
            class Repository { void Open(DbConnection connection, string s) => connection.ConnectionString = s; }
            """));
        Assert.False(IsFixed("""
            class Repository { void Open(DbConnection connection) => connection.ConnectionString = Build(); string Build() => "x"; }
            """));
        Assert.False(IsFixed("""
            class Repository { void Open(DbConnection connection) => connection.ConnectionString = Console.ReadLine(); }
            """));
    }

    // ---- The flows the check must not cut ---------------------------------------------------------------------

    [Fact]
    public Task ConstructorArgumentThenMethod_StillReports() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Startup
        {
            void Run()
            {
                var store = new Store(Console.ReadLine()!);
                [|store.Open()|];
            }
        }
        class Store
        {
            private readonly string server;
            public Store(string server) => this.server = server;
            public SqlConnection Open() => new SqlConnection("Server=" + server);
        }
        """);

    [Fact]
    public Task UntrustedObjectCallingItsOwnMethod_StillReports() => Verify("""
        using System;
        using System.Text.Json;
        using Microsoft.Data.SqlClient;
        class Startup
        {
            void Run()
            {
                var request = JsonSerializer.Deserialize<ConnectRequest>(Console.ReadLine()!)!;
                [|request.Open()|];
            }
        }
        class ConnectRequest
        {
            public string Server { get; set; } = "";
            public SqlConnection Open() => new SqlConnection("Server=" + Server);
        }
        """);

    [Fact]
    public Task ServiceWithInjectedSettings_ReportsNothing() => Verify("""
        using System;
        using Microsoft.Data.SqlClient;
        class Controller
        {
            private readonly Store store;
            public Controller(Store store) => this.store = store;
            public void Handle() { var name = Console.ReadLine(); store.Open().Close(); }
        }
        class Store
        {
            private readonly string connectionString;
            public Store(Microsoft.Extensions.Configuration.IConfiguration configuration) => connectionString = configuration["Db"]!;
            public SqlConnection Open() => new SqlConnection(connectionString);
        }
        """);

    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SqlClient).RunAsync();

    /// <summary>Asks the check about the value assigned to <c>ConnectionString</c> in a method named <c>Open</c>.</summary>
    /// <summary>One engine asked about two types in turn, both with a one-argument constructor, only one of them created
    /// target-typed: each target-typed creation is bound once and its type remembered, and the second question gets
    /// its own answer from what the first bound, in either order.</summary>
    [Theory]
    [InlineData("Open", "OpenOther", false, true)]
    [InlineData("OpenOther", "Open", true, false)]
    public void TargetTypedCreations_BoundOnce_AnswerEachTypeApart(string first, string second, bool firstFixed, bool secondFixed)
    {
        var answers = AreFixed("""
            class Repository
            {
                private readonly string connectionString;
                public Repository(string connectionString) => this.connectionString = connectionString;
                void Open(DbConnection connection) => connection.ConnectionString = connectionString;
            }
            class OtherRepository
            {
                private readonly string connectionString;
                public OtherRepository(IConfiguration configuration) => connectionString = configuration.GetConnectionString("Shop")!;
                void OpenOther(DbConnection connection) => connection.ConnectionString = connectionString;
            }
            class Factory { Repository Make(string s) { Repository r = new(s); return r; } }
            """, first, second);
        Assert.Equal(new[] { firstFixed, secondFixed }, answers);
    }

    private static bool IsFixed(string source) => AreFixed(source, "Open")[0];

    /// <summary>The fixed-value answer for the value assigned in each named method, asked in that order of one engine.</summary>
    private static bool[] AreFixed(string source, params string[] methods)
    {
        var tree = CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Fixed", new[] { tree }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var engine = new TaintEngine(compilation, ConfigurationSinks.Create(compilation)!, TaintSources.Create(compilation), new TaintValidation(ImmutableArray<string>.Empty), TaintLimits.Default);
        var model = compilation.GetSemanticModel(tree);
        return methods.Select(name =>
        {
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == name);
            var assignment = (ISimpleAssignmentOperation)model.GetOperation(method.DescendantNodes().OfType<AssignmentExpressionSyntax>().Single())!;
            return engine.Fixed.IsFixed(assignment.Value, CancellationToken.None);
        }).ToArray();
    }
}
