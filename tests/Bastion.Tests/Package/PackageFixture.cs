using System;
using System.IO;
using System.Linq;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Package;

/// <summary>Packs Bastion.Analyzers once into a private local feed, and makes throwaway consumer projects that
/// restore from that feed alone (never from the network) into a private packages folder.</summary>
public sealed class PackageFixture : IDisposable
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    public PackageFixture()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "bastion-e2e-" + Guid.NewGuid().ToString("N"));
        FeedDirectory = Path.Combine(WorkDirectory, "feed");
        Directory.CreateDirectory(FeedDirectory);

        var pack = ProcessRunner.Run(
            "dotnet",
            new[] { "pack", RepositoryPaths.Combine("nuget", "Bastion.Analyzers.Package.csproj"), "-c", "Release", "-o", FeedDirectory, "-nodeReuse:false", "-p:UseSharedCompilation=false" },
            RepositoryPaths.Root,
            CommandTimeout);
        Assert.True(pack.ExitCode == 0, "dotnet pack failed: " + pack);
        PackagePath = Directory.GetFiles(FeedDirectory, "Bastion.Analyzers.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(PackagePath).Substring("Bastion.Analyzers.".Length);
    }

    public string WorkDirectory { get; }

    public string FeedDirectory { get; }

    public string PackagePath { get; }

    public string Version { get; }

    /// <summary>A new consumer project folder with the package referenced; <paramref name="properties"/> and
    /// <paramref name="items"/> go into the project file as they are.</summary>
    public string CreateConsumer(string name, string properties = "", string items = "", bool withGlobalPackages = false)
    {
        // The machine's global packages folder is a valid local feed: restoring this test project put Moq there.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var extraSource = withGlobalPackages ? $"<add key=\"machine-packages\" value=\"{globalPackages}\" />" : string.Empty;
        var directory = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bastion-local" value="{FeedDirectory}" />
                {extraSource}
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(directory, "packages")}" />
              </config>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Bastion.Analyzers" Version="{Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
        return directory;
    }

    public ProcessResult Dotnet(string directory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments.Concat(new[] { "-nodeReuse:false" }).Where(a => a.Length > 0), directory, CommandTimeout);

    public ProcessResult DotnetFormat(string directory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, directory, CommandTimeout);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }
}
