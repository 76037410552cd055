using System;
using System.IO;
using System.Linq;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Package;

/// <summary>The scanner as users get it: <c>dotnet pack</c> makes a tool package, and installing it from a local folder
/// (no other source) gives a <c>bastion</c> command that scans.</summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void PackedTool_InstallsFromALocalFolder_AndScans()
    {
        var work = Directory.CreateTempSubdirectory("bastion-tool-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var pack = ProcessRunner.Run("dotnet", new[] { "pack", RepositoryPaths.Combine("src", "Bastion.Cli", "Bastion.Cli.csproj"), "-c", "Release", "-o", feed, "-nodeReuse:false", "-p:UseSharedCompilation=false" }, RepositoryPaths.Root, Timeout);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed: " + pack);
            var package = Assert.Single(Directory.GetFiles(feed, "Bastion.Cli.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package).Substring("Bastion.Cli.".Length);

            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(work, "tools");
            var install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "Bastion.Cli", "--version", version, "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config") }, work, Timeout);
            Assert.True(install.ExitCode == 0, "dotnet tool install failed: " + install);

            var bastion = Path.Combine(tools, OperatingSystem.IsWindows() ? "bastion.exe" : "bastion");
            var scan = ProcessRunner.Run(bastion, new[] { "scan", RepositoryPaths.Combine("samples", "VulnerableShop") }, work, Timeout);
            Assert.Equal(1, scan.ExitCode);
            Assert.Contains("warning BST2001", scan.Output, StringComparison.Ordinal);
            Assert.Contains("warning BST1001", scan.Output, StringComparison.Ordinal);
            Assert.Contains("warning BST3004", scan.Output, StringComparison.Ordinal);
            Assert.Contains("warning BST4001", scan.Output, StringComparison.Ordinal);

            // Project mode from the installed tool: its MSBuild build host ships in the package.
            var project = Path.Combine(work, "app");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><DefineConstants>$(DefineConstants);APP</DefineConstants></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(project, "Settings.cs"), "#if APP\nclass Settings { const string Password = \"Tool-Canary-2024!\"; }\n#endif\n");
            var projectScan = ProcessRunner.Run(bastion, new[] { "scan", Path.Combine(project, "App.csproj") }, work, Timeout);
            Assert.True(projectScan.ExitCode == 1, projectScan.ToString());
            Assert.Contains("warning BST1001", projectScan.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot load project", projectScan.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
