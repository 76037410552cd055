using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Bastion.Tests.Dataflow;

/// <summary>A referenced project as the IDE and MSBuildWorkspace give it: a compilation reference, whose symbols have
/// syntax in another compilation. The dataflow engines must treat its methods like a library's (this compilation
/// cannot bind them) instead of failing on them — found by scanning a solution, where every dataflow analyzer
/// reported BST0001 (ArgumentException) at the first call into the referenced project.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly MetadataReference Library = CSharpCompilation.Create(
            "Lib",
            new[]
            {
                CSharpSyntaxTree.ParseText("""
                    namespace Lib;
                    public class Store
                    {
                        private readonly string server = "db";
                        public static readonly string Shared = "Winter-2024-Shared!";
                        public System.Net.NetworkCredential Make(string user, string secret) => new System.Net.NetworkCredential(user, secret);
                        public void Open(System.Data.Common.DbConnection connection, string value) => connection.ConnectionString = "Server=" + server + value;
                        public string Echo(string value) => value;
                    }
                    """),
            },
            TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
        .ToMetadataReference();

    private const string App = """
        using System;
        using System.Data.Common;
        class Program
        {
            void Main(DbConnection connection)
            {
                var store = new Lib.Store();
                store.Make("svc", Lib.Store.Shared);
                store.Open(connection, Console.ReadLine()!);
                connection.ConnectionString = [|store.Echo(Console.ReadLine()!)|];
            }
        }
        """;

    [Fact]
    public Task TaintEngine_TreatsReferencedProjectMethodsLikeLibraryCalls() =>
        AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConnectionStringAnalyzer>.Test(App).WithReferences(Library).RunAsync();

    [Fact]
    public Task ConstantFlowEngines_DoNotFailOnReferencedProjectSymbols() =>
        AnalyzerVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer>.Test(App.Replace("[|", string.Empty).Replace("|]", string.Empty)).WithReferences(Library).RunAsync();

    [Fact]
    public Task CryptoKeysAndExposureRules_DoNotFailOnReferencedProjectSymbols() => Task.WhenAll(
        AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCryptoKeyAnalyzer>.Test(App.Replace("[|", string.Empty).Replace("|]", string.Empty)).WithReferences(Library).RunAsync(),
        AnalyzerVerifier<Bastion.Analyzers.Exposure.SensitiveDataLoggedAnalyzer>.Test(App.Replace("[|", string.Empty).Replace("|]", string.Empty)).WithReferences(Library).RunAsync());
}
