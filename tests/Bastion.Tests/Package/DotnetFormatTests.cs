using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Package;

/// <summary><c>dotnet format analyzers</c> run the way people run it (every rule at once, no <c>--diagnostics</c>)
/// with the packed package, on the bundled ASP.NET Core sample: one run fixes every finding that has a safe rewrite,
/// the project still builds, and a second run has nothing left to change.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DotnetFormatTests : IClassFixture<PackageFixture>
{
    /// <summary>The rules whose every finding in the sample has a safe rewrite.</summary>
    private static readonly string[] FixedEverywhere = { "BST1001", "BST1002", "BST1005", "BST1006", "BST3004", "BST3005", "BST4001", "BST4002", "BST4003" };

    private readonly PackageFixture package;

    public DotnetFormatTests(PackageFixture package) => this.package = package;

    [Fact]
    public void OneRunOverEveryRule_FixesWhatCanBeFixed_BuildsAndLeavesNothingForASecondRun()
    {
        var project = package.CreateConsumer("Shop");
        File.Delete(Path.Combine(project, "Shop.csproj"));
        CopySample(project);
        File.WriteAllText(Path.Combine(project, "Shop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Bastion.Analyzers" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Assert.Equal(0, package.Dotnet(project, "restore").ExitCode);
        var before = Warnings(package.Dotnet(project, "build", "--no-restore"));
        Assert.All(FixedEverywhere, id => Assert.Contains(id, before));

        var first = package.DotnetFormat(project, "format", "analyzers", "Shop.csproj", "--severity", "warn", "--no-restore");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotMatch(new Regex("Failed to apply|returned an unexpected operation"), first.Output);
        var afterFirst = Sources(project);

        var build = package.Dotnet(project, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.ToString());
        var after = Warnings(build);
        Assert.DoesNotContain(after, id => FixedEverywhere.Contains(id));

        var second = package.DotnetFormat(project, "format", "analyzers", "Shop.csproj", "--severity", "warn", "--no-restore");
        Assert.True(second.ExitCode == 0, second.ToString());
        var changed = Sources(project).Where(p => afterFirst[p.Key] != p.Value).Select(p => p.Key).ToList();
        Assert.True(changed.Count == 0, "a second run changed " + string.Join(", ", changed));
    }

    private static void CopySample(string project)
    {
        var sample = RepositoryPaths.Combine("samples", "VulnerableShop");
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sample, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.EndsWith(".csproj", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
            File.Copy(file, Path.Combine(project, relative));
        }
    }

    private static Dictionary<string, string> Sources(string project) =>
        Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);

    private static HashSet<string> Warnings(ProcessResult build) =>
        Regex.Matches(build.Output, @"warning (BST\d{4})").Select(m => m.Groups[1].Value).ToHashSet();
}
