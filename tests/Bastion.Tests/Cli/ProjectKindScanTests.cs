using System;
using System.IO;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Cli;

/// <summary>Project mode decides test or production as a build does, by MSBuild's <c>IsTestProject</c>: a production
/// project that references a mocking library is production (BST3001 fires), a project marked as tests stays quiet.</summary>
[Trait("Category", "Slow")]
public sealed class ProjectKindScanTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("bastion-kind-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string CreateProject(string name, string properties)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>{properties}</PropertyGroup>
              <ItemGroup><PackageReference Include="Moq" Version="{typeof(Moq.Mock).Assembly.GetName().Version!.ToString(3)}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Payments.cs"), """
            public interface IPayments { bool Charge(decimal amount); }
            public class Checkout { public IPayments Gateway() => new Moq.Mock<IPayments>().Object; }
            """);
        var restore = ProcessRunner.Run("dotnet", new[] { "restore", project }, folder, TimeSpan.FromMinutes(3));
        Assert.True(restore.ExitCode == 0, restore.Output);
        return project;
    }

    [Fact]
    public async Task ProductionProjectReferencingAMockingLibrary_ReportsTheReferenceAndTheMock()
    {
        var project = CreateProject("Shop", string.Empty);

        var (_, output, _) = await CliTests.RunAsync("scan", project, "--no-restore");

        Assert.Contains("BST3001", output, StringComparison.Ordinal);
        Assert.Contains("BST3002", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectMarkedAsTests_StaysQuiet()
    {
        var project = CreateProject("Shop.Tests", "<IsTestProject>true</IsTestProject>");

        var (_, output, _) = await CliTests.RunAsync("scan", project, "--no-restore");

        Assert.DoesNotContain("BST3001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BST3002", output, StringComparison.Ordinal);
    }
}

/// <summary>What counts as a project that did not load.</summary>
public sealed class LoadFailureTests
{
    [Theory]
    [InlineData("Msbuild failed when processing the file '/src/Web/Web.csproj' with message: /src/Web/Web.csproj : warning NU1603: Web depends on Moq (>= 4.20.0) but Moq 4.20.0 was not found. An approximate best match of Moq 4.20.72 was resolved.", false)]
    [InlineData("Msbuild failed when processing the file '/src/Web/Web.csproj' with message: /src/Web/Web.csproj : error NU1101: Unable to find package Nope.", true)]
    [InlineData("Msbuild failed when processing the file '/src/Web/Web.csproj' with message: The project file could not be loaded.", true)]
    public void OnlyErrorsMakeAProjectUnloadable(string message, bool failure) =>
        Assert.Equal(failure, Bastion.Cli.ProjectScanner.IsLoadFailure(Microsoft.CodeAnalysis.WorkspaceDiagnosticKind.Failure, message));
}
