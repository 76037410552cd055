using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
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

    [Fact]
    public async Task GuardedAnalyzer_ReportsBst0001WithoutTheSecret()
    {
        var diagnostics = await RunAsync(new ThrowingBastionAnalyzer());

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
    [InlineData(BlockStartFailure.InTheStartAction)]
    [InlineData(BlockStartFailure.InAnOperationAction)]
    [InlineData(BlockStartFailure.InTheEndAction)]
    public async Task GuardedAnalyzer_ReportsBst0001ForAFailureInAnOperationBlockStart(BlockStartFailure where)
    {
        var diagnostics = await RunAsync(new ThrowingBlockStartAnalyzer(where));

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "AD0002");
        var failure = Assert.Single(diagnostics, d => d.Id == "BST0001");
        Assert.Contains("ThrowingBlockStartAnalyzer", failure.GetMessage(), StringComparison.Ordinal);
        Assert.True(failure.Location.IsInSource);
    }

    [Fact]
    public void EveryBastionAnalyzer_IsGuarded()
    {
        Assert.All(RuleCatalog.Analyzers, analyzer =>
        {
            Assert.IsAssignableFrom<BastionAnalyzer>(analyzer);
            Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == "BST0001");
        });
    }

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

#pragma warning disable RS1001, RS1036 // Test analyzers, created directly.
    private sealed class ThrowingBastionAnalyzer : BastionAnalyzer
    {
        protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray<DiagnosticDescriptor>.Empty;

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
        protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray<DiagnosticDescriptor>.Empty;

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
#pragma warning restore RS1001, RS1036
}
