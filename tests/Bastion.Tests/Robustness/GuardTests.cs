using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Tests.Catalogue;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace Bastion.Tests.Robustness;

/// <summary>An exception inside a Bastion analyzer, with a secret literal in the code being analysed: the compiler's
/// AD0001 would quote that code; Bastion's guard reports BST0001 instead, naming the analyzer and the exception type
/// only.</summary>
public sealed class GuardTests
{
    private const string Canary = "Guard-Canary-Secret-7Qx2";

    private static readonly string Source = $$"""
        class C
        {
            void M()
            {
                var password = "{{Canary}}";
                System.Console.WriteLine(password);
            }
        }
        """;

    [Fact]
    public async Task UnguardedAnalyzer_LeaksTheSecretThroughAD0001()
    {
        // Why the guard exists: the compiler's own report of an escaped exception quotes the syntax.
        var diagnostics = await RunAsync(new ThrowingPlainAnalyzer());

        var ad0001 = Assert.Single(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(Canary.Substring(0, 8), ad0001.GetMessage() + ad0001.Descriptor.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GuardedAnalyzer_ReportsBst0001WithoutTheSecret(bool hosted)
    {
        var diagnostics = await RunAsync(Host(new ThrowingBastionAnalyzer(), hosted));

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "AD0002");
        var failure = Assert.Single(diagnostics, d => d.Id == "BST0001");
        Assert.Equal("Bastion's ThrowingBastionAnalyzer failed on this code (InvalidCastException); its findings here may be incomplete. Please report it, with the code if you can share it.", failure.GetMessage());
        var everything = string.Join("\n", diagnostics.Select(d => d.ToString() + d.Descriptor.Description + string.Join(",", d.Properties.Values)));
        for (var i = 0; i + 8 <= Canary.Length; i++)
        {
            Assert.DoesNotContain(Canary.Substring(i, 8), everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(BlockStartFailure.InTheStartAction, false)]
    [InlineData(BlockStartFailure.InAnOperationAction, false)]
    [InlineData(BlockStartFailure.InTheEndAction, false)]
    [InlineData(BlockStartFailure.InTheStartAction, true)]
    [InlineData(BlockStartFailure.InAnOperationAction, true)]
    [InlineData(BlockStartFailure.InTheEndAction, true)]
    public async Task GuardedAnalyzer_ReportsBst0001ForAFailureInAnOperationBlockStart(BlockStartFailure where, bool hosted)
    {
        var diagnostics = await RunAsync(Host(new ThrowingBlockStartAnalyzer(where), hosted));

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "AD0002");
        var failure = Assert.Single(diagnostics, d => d.Id == "BST0001");
        Assert.Contains("ThrowingBlockStartAnalyzer", failure.GetMessage(), StringComparison.Ordinal);
        Assert.True(failure.Location.IsInSource);
    }

    [Fact]
    public void EveryAnalyzerType_IsAGuardedRuleOrAHost_AndSupportsBst0001()
    {
        var types = RuleCatalog.AnalyzerAssembly.GetTypes().Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)).ToList();

        Assert.All(types, type => Assert.True(typeof(BastionAnalyzer).IsAssignableFrom(type) || typeof(RuleHost).IsAssignableFrom(type), type.Name));
        Assert.All(RuleCatalog.Analyzers, analyzer => Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == "BST0001"));
        Assert.Contains(new BastionRulesAnalyzer().SupportedDiagnostics, d => d.Id == "BST0001");
    }

    [Fact]
    public async Task HostedRules_FailIndependently_AndTheFailureNamesTheRule()
    {
        // One rule of the host throws; the other still reports, and BST0001 names the rule that failed, not the host.
        var diagnostics = await RunAsync(RuleHost.Of(new ThrowingBastionAnalyzer(), new Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer()));

        var failure = Assert.Single(diagnostics, d => d.Id == "BST0001");
        Assert.Contains("ThrowingBastionAnalyzer", failure.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(diagnostics, d => d.Id == "BST1001");
    }

    private static DiagnosticAnalyzer Host(BastionAnalyzer rule, bool hosted) => hosted ? RuleHost.Of(rule) : rule;

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer)
    {
        var compilation = CSharpCompilation.Create("Guard", new[] { CSharpSyntaxTree.ParseText(Source) }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
    }

    private static void Throw(OperationAnalysisContext context)
    {
        if (context.Operation is IVariableDeclaratorOperation)
        {
            throw new InvalidCastException("analysis went wrong");
        }
    }

    /// <summary>The rule of the throwing analyzers: a host initializes only rules that can report something.</summary>
    private static readonly DiagnosticDescriptor ThrowingRule = new("TST0090", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

#pragma warning disable RS1001, RS1036, RS2008 // Test analyzers, created directly.
    private sealed class ThrowingBastionAnalyzer : BastionAnalyzer
    {
        protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(ThrowingRule);

        protected override void InitializeCore(AnalysisContext context) =>
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(Throw, OperationKind.VariableDeclarator));
    }

    public enum BlockStartFailure
    {
        InTheStartAction,
        InAnOperationAction,
        InTheEndAction,
    }

    private sealed class ThrowingBlockStartAnalyzer(BlockStartFailure where) : BastionAnalyzer
    {
        protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(ThrowingRule);

        protected override void InitializeCore(AnalysisContext context) =>
            context.RegisterCompilationStartAction(start => start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol.Name != "M")
                {
                    return;
                }

                switch (where)
                {
                    case BlockStartFailure.InTheStartAction:
                        throw new InvalidCastException("analysis went wrong");
                    case BlockStartFailure.InAnOperationAction:
                        block.RegisterOperationAction(Throw, OperationKind.VariableDeclarator);
                        break;
                    default:
                        block.RegisterOperationBlockEndAction(_ => throw new InvalidCastException("analysis went wrong"));
                        break;
                }
            }));
    }

    private sealed class ThrowingPlainAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BastionAnalyzer.InternalError);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(Throw, OperationKind.VariableDeclarator);
        }
    }
#pragma warning restore RS1001, RS1036, RS2008
}
