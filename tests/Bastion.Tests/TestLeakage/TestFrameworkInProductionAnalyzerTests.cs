using System;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.TestLeakage;

public sealed class TestFrameworkInProductionAnalyzerTests
{
    /// <summary>What MSBuild with Bastion's props says of a production project: IsTestProject visible and empty.</summary>
    private const string Production = "build_property.IsTestProject = ";

    private static BastionTest Test(string source) =>
        AnalyzerVerifier<Bastion.Analyzers.TestLeakage.TestFrameworkInProductionAnalyzer>.Test(source)
            .WithDefaultId("BST3002")
            .WithReferences(typeof(Moq.Mock), typeof(NSubstitute.Substitute), typeof(FakeItEasy.A), typeof(FactAttribute));

    /// <summary>One case per test API used in production code (BST3002); BST3001 reports the references once each.</summary>
    [Theory]
    [InlineData("MoqMockObject", "public IPayments Gateway() => [|new Mock<IPayments>().Object|];")]
    [InlineData("MoqMockOf", "public IPayments Gateway() => [|Mock.Of<IPayments>()|];")]
    [InlineData("MoqSetup", "public void Configure(Mock<IPayments> mock) => [|mock.Setup(p => p.Charge(It.IsAny<decimal>())).Returns(true)|];")]
    [InlineData("NSubstituteFor", "public IPayments Gateway() => [|Substitute.For<IPayments>()|];")]
    [InlineData("FakeItEasyFake", "public IPayments Gateway() => [|A.Fake<IPayments>()|];")]
    [InlineData("XunitFactAttribute", "[[|Fact|]] public void SelfCheck() { }")]
    public Task TestApiInProduction_Reports(string form, string member)
    {
        Assert.NotEmpty(form);
        return Test($$"""
            using Moq;
            using NSubstitute;
            using FakeItEasy;
            using Xunit;
            public interface IPayments { bool Charge(decimal amount); }
            public class Checkout
            {
                {{member}}
            }
            """)
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", "'Moq' (Moq)")
            .WithCompilationDiagnostic("BST3001", "'NSubstitute' (NSubstitute)")
            .WithCompilationDiagnostic("BST3001", "'FakeItEasy' (FakeItEasy)")
            .WithCompilationDiagnostic("BST3001", "'xunit.core' (xUnit)")
            .RunAsync();
    }

    [Fact]
    public Task Message_NamesTheApiAndTheFramework() =>
        Test("""
            using NSubstitute;
            public interface IPayments { }
            public class Checkout { public IPayments Gateway() => [|Substitute.For<IPayments>()|]; }
            """)
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", "'Moq'")
            .WithCompilationDiagnostic("BST3001", "'NSubstitute'")
            .WithCompilationDiagnostic("BST3001", "'FakeItEasy'")
            .WithCompilationDiagnostic("BST3001", "'xunit.core'")
            .WithAssertion(d => Assert.Equal("'Substitute.For' from NSubstitute is used in production code", d.Single(x => x.Id == "BST3002").GetMessage()))
            .RunAsync();

    [Fact]
    public Task ReferenceAlone_IsReportedOncePerFrameworkAssembly() =>
        Test("public class Checkout { }")
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", "This production project references 'Moq' (Moq); test and mocking frameworks belong in test projects")
            .WithCompilationDiagnostic("BST3001", "'NSubstitute' (NSubstitute)")
            .WithCompilationDiagnostic("BST3001", "'FakeItEasy' (FakeItEasy)")
            .WithCompilationDiagnostic("BST3001", "'xunit.core' (xUnit)")
            .RunAsync();

    [Fact]
    public Task TestProject_ReportsNothing() =>
        Test("""
            using Moq;
            public interface IPayments { bool Charge(decimal amount); }
            public class CheckoutTests { public IPayments Gateway() => new Mock<IPayments>().Object; }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task ExplicitTestKind_ReportsNothing() =>
        Test("""
            using Moq;
            public interface IPayments { }
            public class Helpers { public IPayments Gateway() => new Mock<IPayments>().Object; }
            """)
            .WithGlobalConfig(Production + "\nbastion.project_kind = test")
            .RunAsync();

    [Fact]
    public Task ProductionWithoutTestFrameworks_ReportsNothing() =>
        AnalyzerVerifier<Bastion.Analyzers.TestLeakage.TestFrameworkInProductionAnalyzer>.Test("""
            public interface IPayments { }
            public sealed class FakePayments : IPayments { }
            """)
            .WithGlobalConfig(Production)
            .RunAsync();
}
