using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Cli;

/// <summary>Both modes decide test or production as a build does, by MSBuild's <c>IsTestProject</c>: a production
/// project that references a mocking library is production (BST3001 fires), a project marked as tests stays quiet; and a
/// restored Web SDK project with implicit usings gives the same findings in folder mode as in project mode.</summary>
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
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>{properties}</PropertyGroup>
              <ItemGroup><PackageReference Include="Moq" Version="{typeof(Moq.Mock).Assembly.GetName().Version!.ToString(3)}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Payments.cs"), """
            public interface IPayments { bool Charge(decimal amount); }
            public class Checkout { public IPayments Gateway() => new Moq.Mock<IPayments>().Object; }
            """);
        // No using directive: ILogger, IConfiguration and WebApplication come from the Web SDK's implicit usings.
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapPost("/theme", (string theme, IConfiguration configuration) => { configuration["Ui:Theme"] = theme; });
            app.Run();

            public sealed class Accounts(ILogger<Accounts> logger)
            {
                public void Login(string user, string password) => logger.LogInformation("Login {User} {Password}", user, password);
            }
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
    public async Task ProjectMarkedAsTests_StaysQuiet_InBothModes()
    {
        var project = CreateProject("Shop.Tests", "<IsTestProject>true</IsTestProject>");

        var (_, output, _) = await CliTests.RunAsync("scan", project, "--no-restore");
        var (_, folderOutput, _) = await CliTests.RunAsync("scan", Path.GetDirectoryName(project)!);

        foreach (var scan in new[] { output, folderOutput })
        {
            Assert.DoesNotContain("BST3001", scan, StringComparison.Ordinal);
            Assert.DoesNotContain("BST3002", scan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RestoredWebProject_GivesTheSameFindingsInFolderModeAsInProjectMode()
    {
        var project = CreateProject("Shop", string.Empty);

        var projectMode = Findings((await CliTests.RunAsync("scan", project, "--no-restore", "--format", "json")).Output);
        var folderMode = Findings((await CliTests.RunAsync("scan", Path.GetDirectoryName(project)!, "--format", "json")).Output);

        Assert.Equal(projectMode, folderMode);
        Assert.Equal(new[] { "BST2002", "BST3001", "BST3002", "BST4001" }, folderMode.Select(f => f.Split(' ')[0]).Distinct().ToArray());
    }

    /// <summary>Each finding as "rule file:line:column", in order.</summary>
    private static string[] Findings(string json)
    {
        using var report = System.Text.Json.JsonDocument.Parse(json);
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {Path.GetFileName(f.GetProperty("path").GetString())}:{f.GetProperty("startLine")}:{f.GetProperty("startColumn")}")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
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
