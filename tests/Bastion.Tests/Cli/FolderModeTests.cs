using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Bastion.Tests.Cli;

/// <summary>Folder mode compiles what the build would: one compilation per project found, with the SDK's implicit
/// usings, <c>Using</c> items, references between the projects found, the project kind from the project file, and the
/// files outside every project as one more compilation.</summary>
public sealed class FolderModeTests : IDisposable
{
    private const string LogsPassword = """
        namespace Shop;

        public sealed class Accounts(ILogger<Accounts> logger)
        {
            public void Login(string user, string password) => logger.LogInformation("Login {User} {Password}", user, password);
        }
        """;

    private const string HardcodedPassword = "class Settings { const string Password = \"Winter-2024-Canary!\"; }\n";

    private readonly string root = Directory.CreateTempSubdirectory("bastion-folder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Project(string sdk, string properties = "", string items = "") => $"""
        <Project Sdk="{sdk}">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
          <ItemGroup>{items}</ItemGroup>
        </Project>
        """;

    /// <summary>The findings as "rule path:line", paths relative to the root with '/'.</summary>
    private async Task<string[]> FindingsAsync()
    {
        var (_, output, error) = await CliTests.RunAsync("scan", root, "--format", "json");
        Assert.DoesNotContain("an analyzer failed", error, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(output);
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("path").GetString()!.Replace('\\', '/')}:{f.GetProperty("startLine").GetInt32()}")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public async Task WebProject_IsCompiledWithTheWebSdksImplicitUsings()
    {
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk.Web", "<ImplicitUsings>enable</ImplicitUsings>"));
        Write("Shop/Accounts.cs", LogsPassword);

        Assert.Equal(new[] { "BST4001 Shop/Accounts.cs:5" }, await FindingsAsync());
    }

    [Fact]
    public async Task WebProject_WithImplicitUsingsOff_HasNoneOfThem()
    {
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk.Web", "<ImplicitUsings>disable</ImplicitUsings>"));
        Write("Shop/Accounts.cs", LogsPassword);

        Assert.Empty(await FindingsAsync());
    }

    [Fact]
    public async Task ImplicitUsings_InDirectoryBuildProps_AndUsingItems_AreApplied()
    {
        Write("Directory.Build.props", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk", items: """<FrameworkReference Include="Microsoft.AspNetCore.App" /><Using Include="Microsoft.Extensions.Logging" />"""));
        Write("Shop/Accounts.cs", LogsPassword);

        Assert.Equal(new[] { "BST4001 Shop/Accounts.cs:5" }, await FindingsAsync());
    }

    [Fact]
    public async Task UsingRemove_TakesAnImplicitUsingAway()
    {
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk.Web", "<ImplicitUsings>enable</ImplicitUsings>", """<Using Remove="Microsoft.Extensions.Logging" />"""));
        Write("Shop/Accounts.cs", LogsPassword);

        Assert.Empty(await FindingsAsync());
    }

    [Fact]
    public async Task ProjectReference_ToAProjectInTheFolder_ResolvesItsTypes()
    {
        Write("Keys/Keys.csproj", Project("Microsoft.NET.Sdk"));
        Write("Keys/KeyMaterial.cs", "namespace Shop.Keys; public static class KeyMaterial { public const string Current = \"q7Vt2LmX9pR4sW8zK3nB6cY1hJ5fD0gA\"; }\n");
        Write("App/App.csproj", Project("Microsoft.NET.Sdk", items: """<ProjectReference Include="..\Keys\Keys.csproj" />"""));
        Write("App/Protector.cs", """
            using System.Security.Cryptography;
            using System.Text;

            namespace Shop;

            public static class Protector
            {
                public static Aes Create()
                {
                    var aes = Aes.Create();
                    aes.Key = Encoding.UTF8.GetBytes(Shop.Keys.KeyMaterial.Current);
                    return aes;
                }
            }
            """);

        var findings = await FindingsAsync();

        Assert.Contains("BST1006 App/Protector.cs:11", findings);
    }

    [Fact]
    public async Task ProjectReference_ToAProjectNotInTheFolder_LeavesItsTypesUnresolved_AndNothingRestsOnThem()
    {
        Write("App/App.csproj", Project("Microsoft.NET.Sdk", items: """<ProjectReference Include="..\..\Elsewhere\Keys.csproj" />"""));
        Write("App/Protector.cs", """
            using System.Security.Cryptography;
            using System.Text;

            public static class Protector
            {
                public static Aes Create()
                {
                    var aes = Aes.Create();
                    aes.Key = Encoding.UTF8.GetBytes(Shop.Keys.KeyMaterial.Current);
                    return aes;
                }
            }
            """);

        Assert.Empty(await FindingsAsync());
    }

    [Fact]
    public async Task NestedProjects_OwnTheirFiles_AndFilesOutsideEveryProjectAreScannedToo()
    {
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk"));
        Write("Shop/Settings.cs", HardcodedPassword);
        Write("Shop/Tests/Shop.Tests.csproj", Project("Microsoft.NET.Sdk", items: """<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.0.0" />"""));
        Write("Shop/Tests/Settings.cs", HardcodedPassword);
        Write("Tools/Settings.cs", HardcodedPassword);

        // The nested test project's file is its own (quiet in tests), not the outer production project's.
        Assert.Equal(new[] { "BST1001 Shop/Settings.cs:1", "BST1001 Tools/Settings.cs:1" }, await FindingsAsync());
    }

    [Theory]
    [InlineData("<IsTestProject>true</IsTestProject>", "", false)]
    [InlineData("", """<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.0.0" />""", false)]
    [InlineData("<IsTestProject>false</IsTestProject>", """<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.0.0" />""", true)]
    [InlineData("", """<PackageReference Include="Moq" Version="4.20.0" />""", true)]
    public async Task ProjectKind_ComesFromTheProjectFile(string properties, string items, bool reported)
    {
        Write("Shop/Shop.csproj", Project("Microsoft.NET.Sdk", properties, items));
        Write("Shop/Settings.cs", HardcodedPassword);

        Assert.Equal(reported, (await FindingsAsync()).Contains("BST1001 Shop/Settings.cs:1"));
    }

    [Fact]
    public async Task BrokenProjectFile_IsNamedInAWarning_AndItsSourcesAreStillScanned()
    {
        Write("Shop/Shop.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>\n");
        Write("Shop/Settings.cs", HardcodedPassword);

        var (exitCode, output, error) = await CliTests.RunAsync("scan", root);

        Assert.Equal(Bastion.Cli.CommandLine.Findings, exitCode);
        Assert.Contains("bastion: warning: cannot read project 'Shop/Shop.csproj' (XmlException)", error, StringComparison.Ordinal);
        Assert.Contains("BST1001", output, StringComparison.Ordinal);
    }
}
