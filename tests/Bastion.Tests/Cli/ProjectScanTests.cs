using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Bastion.Cli;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Cli;

/// <summary>A solution of two projects on disk, restored once: one that loads, one whose project file is broken.</summary>
public sealed class SolutionFixture : IDisposable
{
    public SolutionFixture()
    {
        Root = Directory.CreateTempSubdirectory("bastion-sln-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "Good"));
        Directory.CreateDirectory(Path.Combine(Root, "Broken"));
        File.WriteAllText(Path.Combine(Root, "Good", "Good.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><DefineConstants>$(DefineConstants);SHOP</DefineConstants></PropertyGroup>
            </Project>
            """);
        // Only the project's define makes the class exist: folder mode would not see this finding.
        File.WriteAllText(Path.Combine(Root, "Good", "Settings.cs"), "#if SHOP\nclass Settings { const string Password = \"Winter-2024-Canary!\"; }\n#endif\n");
        File.WriteAllText(Path.Combine(Root, "Good", "appsettings.json"), "{ \"ConnectionStrings\": { \"Db\": \"Server=db;Password=Hunter-2-Canary!\" } }");
        File.WriteAllText(Path.Combine(Root, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>\n");
        File.WriteAllText(Path.Combine(Root, "Broken", "Keys.cs"), "class Keys { string apiKey = \"Bk-Canary-Value-2024!\"; }");
        File.WriteAllText(Path.Combine(Root, "Shop.slnx"), """
            <Solution>
              <Folder Name="/src/">
                <Project Path="Good/Good.csproj" />
              </Folder>
              <Project Path="Broken\Broken.csproj" />
            </Solution>
            """);
        File.WriteAllText(Path.Combine(Root, "Shop.sln"), """

            Microsoft Visual Studio Solution File, Format Version 12.00
            # Visual Studio Version 17
            VisualStudioVersion = 17.0.31903.59
            MinimumVisualStudioVersion = 10.0.40219.1
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Good", "Good\Good.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Broken", "Broken\Broken.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Global
            	GlobalSection(SolutionConfigurationPlatforms) = preSolution
            		Debug|Any CPU = Debug|Any CPU
            	EndGlobalSection
            	GlobalSection(ProjectConfigurationPlatforms) = postSolution
            		{11111111-1111-1111-1111-111111111111}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
            		{11111111-1111-1111-1111-111111111111}.Debug|Any CPU.Build.0 = Debug|Any CPU
            		{22222222-2222-2222-2222-222222222222}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
            		{22222222-2222-2222-2222-222222222222}.Debug|Any CPU.Build.0 = Debug|Any CPU
            	EndGlobalSection
            EndGlobal
            """);
        File.WriteAllText(Path.Combine(Root, "Garbage.sln"), "this is not a solution\n");
        File.WriteAllText(Path.Combine(Root, "Garbage.slnx"), "<Solution>\n");
        var restore = ProcessRunner.Run("dotnet", new[] { "restore", Path.Combine(Root, "Good", "Good.csproj") }, Root, TimeSpan.FromMinutes(3));
        Assert.True(restore.ExitCode == 0, restore.Output);
    }

    public string Root { get; }

    public string Path_(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Project and solution mode of <c>bastion scan</c>: MSBuildWorkspace loading, the per-project fallback to folder
/// mode, configuration files and <c>.editorconfig</c> in project mode, and load errors.</summary>
[Trait("Category", "Slow")]
public sealed class ProjectScanTests : IClassFixture<SolutionFixture>
{
    private readonly SolutionFixture solution;

    public ProjectScanTests(SolutionFixture solution) => this.solution = solution;

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliTests.RunAsync(args);

    [Fact]
    public async Task Project_IsLoadedAsItBuilds_WithItsConfigurationFiles()
    {
        var (exitCode, output, error) = await RunAsync("scan", solution.Path_("Good", "Good.csproj"), "--no-restore", "--format", "json");

        Assert.Equal(CommandLine.Findings, exitCode);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("path").GetString())).ToList();
        Assert.Contains(("BST1001", "Settings.cs"), findings);
        Assert.Contains(("BST1101", "appsettings.json"), findings);
        Assert.DoesNotContain("Canary", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shop.sln")]
    [InlineData("Shop.slnx")]
    public async Task Solution_ABrokenProjectFallsBackToFolderModeWithAWarning(string file)
    {
        var (exitCode, output, error) = await RunAsync("scan", solution.Path_(file), "--no-restore");

        Assert.Equal(CommandLine.Findings, exitCode);
        Assert.Contains("warning: cannot load project 'Broken/Broken.csproj'", error, StringComparison.Ordinal);
        Assert.Contains("scanning its folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Good.csproj", error, StringComparison.Ordinal);
        Assert.Contains("Settings.cs", output, StringComparison.Ordinal);
        Assert.Contains("Keys.cs", output, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", output, StringComparison.Ordinal);
        Assert.Contains("3 finding(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorConfigSeverity_AppliesInProjectMode()
    {
        var editorConfig = solution.Path_("Good", ".editorconfig");
        File.WriteAllText(editorConfig, "root = true\n[*.cs]\ndotnet_diagnostic.BST1001.severity = none\n");
        try
        {
            var (_, output, _) = await RunAsync("scan", solution.Path_("Good", "Good.csproj"), "--no-restore");

            Assert.DoesNotContain("BST1001", output, StringComparison.Ordinal);
            Assert.Contains("BST1101", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(editorConfig);
        }
    }

    [Theory]
    [InlineData("Garbage.sln", "cannot load solution")]
    [InlineData("Garbage.slnx", "cannot read solution")]
    public async Task BrokenSolution_IsALoadError_AndNoReportIsWritten(string file, string message)
    {
        var report = solution.Path_(file + ".sarif");
        var (exitCode, output, error) = await RunAsync("scan", solution.Path_(file), "--no-restore", "--format", "sarif", "--output", report);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public async Task NotAProjectFile_IsAUsageError()
    {
        var (exitCode, _, error) = await RunAsync("scan", solution.Path_("Good", "Settings.cs"));

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("is not a folder, a .csproj, a .sln or a .slnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AsAProcess_SolutionToSarif_ProgressIsALinePerProjectWhenRedirected()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "bastion.dll");
        var report = solution.Path_("process.sarif");
        var result = ProcessRunner.Run("dotnet", new[] { cli, "scan", solution.Path_("Shop.slnx"), "--format", "sarif", "--output", report }, solution.Root, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == CommandLine.Findings, result.Output);
        // A CI log: one plain line per project analysed, never a line rewritten in place.
        Assert.Contains("bastion: analysed Good (1 C# file(s), ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Output);
        using var sarif = JsonDocument.Parse(File.ReadAllText(report));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).OrderBy(id => id).ToList();
        Assert.Equal(new[] { "BST1001", "BST1001", "BST1101" }, results);
        Assert.DoesNotContain("Canary", File.ReadAllText(report), StringComparison.Ordinal);
    }
}
