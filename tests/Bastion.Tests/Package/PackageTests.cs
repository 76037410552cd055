using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Bastion.Tests.Package;

/// <summary>The package as a user gets it: its exact contents, and consumer projects that restore it from a local
/// folder, build with it, and fix with it through dotnet format.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private const string HardcodedPassword = """
        namespace Consumer;

        public sealed class Settings
        {
            // The database password.
            public string DatabasePassword { get; } = "Winter2024!";
        }
        """;

    private readonly PackageFixture package;

    public PackageTests(PackageFixture package) => this.package = package;

    [Fact]
    public void Package_ContainsExactlyTheAnalyzerAssetsAndNoLibOrDependencies()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("package/services/", StringComparison.Ordinal) && n != "[Content_Types].xml" && n != "_rels/.rels")
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            new[]
            {
                "Bastion.Analyzers.nuspec",
                "README.md",
                "analyzers/dotnet/cs/Bastion.Analyzers.dll",
                "analyzers/dotnet/cs/Bastion.CodeFixes.dll",
                "buildTransitive/Bastion.Analyzers.props",
                "buildTransitive/Bastion.Analyzers.targets",
                "configuration/all.globalconfig",
                "configuration/default.globalconfig",
                "configuration/none.globalconfig",
            },
            entries);
    }

    [Fact]
    public void Nuspec_IsADevelopmentDependencyWithMetadataAndNoDependencies()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry("Bastion.Analyzers.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.Null(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies"));
    }

    [Fact]
    public void ConsumerBuild_ReportsTheWarningWithIdFileAndLine()
    {
        var project = package.CreateConsumer("Production");
        File.WriteAllText(Path.Combine(project, "Settings.cs"), HardcodedPassword);

        var build = package.Dotnet(project, "build");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"Settings\.cs\(6,47\): warning BST1001: 'DatabasePassword' is given a hard-coded credential \(\*\*\* \(11 characters\)\)"), build.Output);
        Assert.DoesNotContain("Winter2024", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsumerBuild_ReportsSecretsInConfigurationFilesAtTheirLineAndColumn()
    {
        var project = package.CreateConsumer("WithSecrets", items: """<BastionConfigurationFile Include="config/shop.json" />""");
        File.WriteAllText(Path.Combine(project, "Code.cs"), "namespace Consumer; public static class Code { }");
        File.WriteAllText(Path.Combine(project, "appsettings.json"), """
            {
              "Smtp": {
                "Password": "M4ilP@ss-2024!"
              }
            }
            """);
        Directory.CreateDirectory(Path.Combine(project, "config"));
        File.WriteAllText(Path.Combine(project, "config", "shop.json"), """{ "ApiKey": "k3y-9f8e7d6c5b4a" }""");

        var build = package.Dotnet(project, "build");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"appsettings\.json\(3,18\): warning BST1101: 'Smtp:Password' in appsettings\.json holds a credential"), build.Output);
        Assert.Matches(new Regex(@"shop\.json\(1,14\): warning BST1101: 'ApiKey' in shop\.json holds a credential"), build.Output);
        Assert.DoesNotContain("M4ilP@ss", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionProjectReferencingMoq_GetsBst3001_TestProjectDoesNot()
    {
        const string moq = """<PackageReference Include="Moq" Version="4.20.72" />""";
        var production = package.CreateConsumer("ProductionWithMoq", items: moq, withGlobalPackages: true);
        var tests = package.CreateConsumer("TestsWithMoq", properties: "<IsTestProject>true</IsTestProject>", items: moq, withGlobalPackages: true);
        foreach (var project in new[] { production, tests })
        {
            File.WriteAllText(Path.Combine(project, "Gateway.cs"), "namespace Consumer; public interface IGateway { bool Charge(decimal amount); }");
        }

        var productionBuild = package.Dotnet(production, "build");
        var testBuild = package.Dotnet(tests, "build");

        Assert.True(productionBuild.ExitCode == 0, productionBuild.ToString());
        Assert.Contains("warning BST3001: This production project references 'Moq' (Moq)", productionBuild.Output, StringComparison.Ordinal);
        Assert.True(testBuild.ExitCode == 0, testBuild.ToString());
        Assert.DoesNotContain("BST3001", testBuild.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TestProjectConsumer_IsClassifiedAsTestAndGetsNoNameBasedFinding()
    {
        var project = package.CreateConsumer("UnitTests", properties: "<IsTestProject>true</IsTestProject>");
        File.WriteAllText(Path.Combine(project, "Settings.cs"), HardcodedPassword);

        var build = package.Dotnet(project, "build");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("BST1001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalysisModeNone_SelectsThePresetThatSilencesEveryRule()
    {
        var project = package.CreateConsumer("Silenced", properties: "<BastionAnalysisMode>none</BastionAnalysisMode>");
        File.WriteAllText(Path.Combine(project, "Settings.cs"), HardcodedPassword);

        var build = package.Dotnet(project, "build");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("BST1001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationFiles_AreAdditionalFilesOnce_AndTheOptOutWorks()
    {
        var project = package.CreateConsumer("WithConfig", items: """<AdditionalFiles Include="appsettings.json" />""");
        File.WriteAllText(Path.Combine(project, "appsettings.json"), "{}");
        File.WriteAllText(Path.Combine(project, "appsettings.Development.json"), "{}");
        File.WriteAllText(Path.Combine(project, "web.config"), "<configuration />");
        File.WriteAllText(Path.Combine(project, "notes.json"), "{}");
        Directory.CreateDirectory(Path.Combine(project, "Properties"));
        File.WriteAllText(Path.Combine(project, "Properties", "launchSettings.json"), "{}");

        var included = AdditionalFiles(project, string.Empty);
        Assert.Equal(new[] { "Properties/launchSettings.json", "appsettings.Development.json", "appsettings.json", "web.config" }, included);

        var optedOut = AdditionalFiles(project, "-p:BastionIncludeConfigurationFiles=false");
        Assert.Equal(new[] { "appsettings.json" }, optedOut);
    }

    [Fact]
    public void DotnetFormat_ReplacesTheLiteralAndTheProjectStillBuilds()
    {
        var project = package.CreateConsumer("Formatted");
        var file = Path.Combine(project, "Settings.cs");
        File.WriteAllText(file, HardcodedPassword);
        Assert.Equal(0, package.Dotnet(project, "restore").ExitCode);

        var format = package.DotnetFormat(project, "format", "analyzers", "Formatted.csproj", "--diagnostics", "BST1001", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.ToString());

        var fixedText = File.ReadAllText(file);
        Assert.DoesNotContain("Winter2024!", fixedText, StringComparison.Ordinal);
        Assert.Contains("GetEnvironmentVariable(\"DATABASE_PASSWORD\")", fixedText, StringComparison.Ordinal);
        Assert.Contains("// The database password.", fixedText, StringComparison.Ordinal);

        var build = package.Dotnet(project, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("BST1001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLineBuild_DefersTheCallGraphSearch_AndStillReportsAFlowThroughOtherFiles()
    {
        var project = package.CreateConsumer("Deferred");
        File.WriteAllText(Path.Combine(project, "Entry.cs"), """
            namespace Consumer;

            public sealed class Entry
            {
                public void Run(System.Data.Common.DbConnection connection) => new Store().Open(connection, System.Console.ReadLine()!);
            }
            """);
        File.WriteAllText(Path.Combine(project, "Store.cs"), """
            namespace Consumer;

            public sealed class Store
            {
                public void Open(System.Data.Common.DbConnection connection, string server) => Settings.Apply(connection, "Server=" + server);
            }
            """);
        File.WriteAllText(Path.Combine(project, "Settings.cs"), """
            namespace Consumer;

            public static class Settings
            {
                public static void Apply(System.Data.Common.DbConnection connection, string value) => connection.ConnectionString = value;
            }
            """);

        var build = package.Dotnet(project, "build");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"Entry\.cs\(5,97\): warning BST2001: Untrusted data from Console\.ReadLine reaches .* through 'Store\.Open'"), build.Output);
        var editorConfig = Directory.GetFiles(Path.Combine(project, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single();
        Assert.Contains("build_property.BastionDeferCallGraphSearch = true", File.ReadAllText(editorConfig), StringComparison.Ordinal);

        // Editors analyse one document at a time and run no compilation-end action: their design-time builds turn it off
        // (explicitly: a host that passes no property at all is taken for a build).
        Assert.Equal("true", Property(project, "BastionDeferCallGraphSearch", string.Empty));
        Assert.Equal("false", Property(project, "BastionDeferCallGraphSearch", "-p:DesignTimeBuild=true"));
        Assert.Equal("false", Property(project, "BastionDeferCallGraphSearch", "-p:BuildingInsideVisualStudio=true"));
        Assert.Equal("false", Property(project, "BastionDeferCallGraphSearch", "-p:BastionDeferCallGraphSearch=false"));
    }

    private string Property(string project, string name, string extraProperty)
    {
        var result = package.Dotnet(project, "msbuild", "-getProperty:" + name, extraProperty);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }

    private string[] AdditionalFiles(string project, string extraProperty)
    {
        var result = package.Dotnet(project, "msbuild", "-restore", "-t:BastionAddConfigurationFiles", "-getItem:AdditionalFiles", extraProperty);
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output.Substring(result.Output.IndexOf('{', StringComparison.Ordinal));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => Path.GetRelativePath(project, i.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
    }
}
