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
    [InlineData("MoqNewMock", "public object Gateway() { var mock = [|new Mock<IPayments>()|]; return mock; }")]
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

    /// <summary>BST3001, one case per framework assembly of the catalogue: a production project that references it (a
    /// library of that name) is reported once, naming the assembly and the framework.</summary>
    [Theory]
    [InlineData("Moq", "Moq")]
    [InlineData("NSubstitute", "NSubstitute")]
    [InlineData("FakeItEasy", "FakeItEasy")]
    [InlineData("Telerik.JustMock", "JustMock")]
    [InlineData("Rhino.Mocks", "Rhino Mocks")]
    [InlineData("Microsoft.QualityTools.Testing.Fakes", "Microsoft Fakes")]
    [InlineData("xunit.core", "xUnit")]
    [InlineData("xunit.assert", "xUnit")]
    [InlineData("xunit.v3.core", "xUnit")]
    [InlineData("nunit.framework", "NUnit")]
    [InlineData("Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest")]
    [InlineData("TUnit.Core", "TUnit")]
    [InlineData("AutoFixture", "AutoFixture")]
    [InlineData("FluentAssertions", "FluentAssertions")]
    [InlineData("Shouldly", "Shouldly")]
    [InlineData("Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.Mvc.Testing")]
    [InlineData("WireMock.Net", "WireMock.Net")]
    [InlineData("Testcontainers", "Testcontainers")]
    public Task EachFrameworkAssembly_ReportedOnce(string assembly, string framework) =>
        AnalyzerVerifier<Bastion.Analyzers.TestLeakage.TestFrameworkInProductionAnalyzer>.Test("public class Checkout { }")
            .WithReferences(StubLibraries.Library(assembly, "namespace Stub { public class Marker { } }"))
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", $"This production project references '{assembly}' ({framework})")
            .RunAsync();

    /// <summary>BST3002, one case per framework whose package is not referenced here: its API (in a library of the
    /// framework's assembly and namespace names) used in production code, reported once at the outermost use.</summary>
    [Theory]
    [InlineData("JustMock", "Telerik.JustMock", "namespace Telerik.JustMock { public static class Mock { public static T Create<T>() where T : class => null!; } }",
        "public IPayments Gateway() => [|Mock.Create<IPayments>()|];")]
    [InlineData("RhinoMocks", "Rhino.Mocks", "namespace Rhino.Mocks { public class MockRepository { public static T GenerateMock<T>() where T : class => null!; } }",
        "public IPayments Gateway() => [|MockRepository.GenerateMock<IPayments>()|];")]
    [InlineData("MicrosoftFakes", "Microsoft.QualityTools.Testing.Fakes", "namespace Microsoft.QualityTools.Testing.Fakes { public static class ShimsContext { public static System.IDisposable Create() => null!; } }",
        "public System.IDisposable Shims() => [|ShimsContext.Create()|];")]
    [InlineData("NUnitTestAttribute", "nunit.framework", "namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }",
        "[[|Test|]] public void SelfCheck() { }")]
    [InlineData("MSTestTestMethodAttribute", "Microsoft.VisualStudio.TestPlatform.TestFramework", "namespace Microsoft.VisualStudio.TestTools.UnitTesting { public sealed class TestMethodAttribute : System.Attribute { } }",
        "[[|TestMethod|]] public void SelfCheck() { }")]
    [InlineData("TUnitTestAttribute", "TUnit.Core", "namespace TUnit.Core { public sealed class TestAttribute : System.Attribute { } }",
        "[[|Test|]] public void SelfCheck() { }")]
    [InlineData("AutoFixture", "AutoFixture", "namespace AutoFixture { public class Fixture { public T Create<T>() => default!; } }",
        "public IPayments Gateway() => [|new Fixture().Create<IPayments>()|];")]
    [InlineData("FluentAssertions", "FluentAssertions", "namespace FluentAssertions { public static class AssertionExtensions { public static Checks Should(this object value) => new(); } public sealed class Checks { public void NotBeNull() { } } }",
        "public void Verify(object value) => [|value.Should().NotBeNull()|];")]
    [InlineData("Shouldly", "Shouldly", "namespace Shouldly { public static class ShouldBeTestExtensions { public static void ShouldBe<T>(this T actual, T expected) { } } }",
        "public void Verify(decimal total) => [|total.ShouldBe(10m)|];")]
    [InlineData("MvcTesting", "Microsoft.AspNetCore.Mvc.Testing", "namespace Microsoft.AspNetCore.Mvc.Testing { public class WebApplicationFactory<T> where T : class { } }",
        "public object Host() => [|new WebApplicationFactory<Checkout>()|];")]
    [InlineData("WireMock", "WireMock.Net", "namespace WireMock.Server { public sealed class WireMockServer { public static WireMockServer Start() => new(); } }",
        "public object Server() => [|WireMock.Server.WireMockServer.Start()|];")]
    [InlineData("TestcontainersDotNetNamespace", "Testcontainers", "namespace DotNet.Testcontainers.Builders { public sealed class ContainerBuilder { } }",
        "public object Container() => [|new DotNet.Testcontainers.Builders.ContainerBuilder()|];")]
    public Task EachFrameworkApi_InProduction_Reports(string form, string assembly, string library, string member)
    {
        Assert.NotEmpty(form);
        var usings = library.Split(' ')[1];
        return AnalyzerVerifier<Bastion.Analyzers.TestLeakage.TestFrameworkInProductionAnalyzer>.Test($$"""
            using {{usings}};
            public interface IPayments { bool Charge(decimal amount); }
            public class Checkout
            {
                {{member}}
            }
            """)
            .WithDefaultId("BST3002")
            .WithReferences(StubLibraries.Library(assembly, library))
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", $"'{assembly}'")
            .RunAsync();
    }

    /// <summary>BST3002's exclusions, one named case each: the application's own types and attributes named like a
    /// framework's, another product of a framework's vendor, and a framework referenced but not used (BST3001 only).</summary>
    [Theory]
    [InlineData("OwnMockType", "namespace Shop.Testing { public class Mock<T> { public T Object => default!; } }",
        "public IPayments Gateway() => new Shop.Testing.Mock<IPayments>().Object;")]
    [InlineData("OwnFactAttribute", "public sealed class FactAttribute : System.Attribute { }",
        "[Fact] public void SelfCheck() { }")]
    [InlineData("VendorsOtherProduct", "",
        "public object Report() => new Telerik.Reporting.Report();")]
    [InlineData("ReferencedNotUsed", "",
        "public IPayments? Gateway() => null;")]
    public Task Exclusions_DoNotReportUse(string form, string declarations, string member)
    {
        Assert.NotEmpty(form);
        return Test($$"""
            {{declarations}}
            public interface IPayments { bool Charge(decimal amount); }
            public class Checkout
            {
                {{member}}
            }
            """)
            .WithReferences(StubLibraries.Library("Telerik.Reporting", "namespace Telerik.Reporting { public class Report { } }"))
            .WithGlobalConfig(Production)
            .WithCompilationDiagnostic("BST3001", "'Moq'")
            .WithCompilationDiagnostic("BST3001", "'NSubstitute'")
            .WithCompilationDiagnostic("BST3001", "'FakeItEasy'")
            .WithCompilationDiagnostic("BST3001", "'xunit.core'")
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
