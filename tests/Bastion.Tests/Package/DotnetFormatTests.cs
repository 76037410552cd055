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
    private static readonly string[] FixedEverywhere = { "BST1001", "BST1002", "BST1005", "BST1006", "BST3004", "BST3005", "BST4001", "BST4002", "BST4003", "BST5001", "BST5006" };

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
        FormatFixesEverythingOnce(project, "Shop.csproj", FixedEverywhere);
    }

    /// <summary>A web project as templates make them today: Web SDK, implicit usings, top-level statements, minimal APIs,
    /// primary constructors, several files, with a finding of every rule that has a fix.</summary>
    [Fact]
    public void ModernWebProject_OneRunFixesEveryRule_BuildsAndASecondRunChangesNothing()
    {
        var project = package.CreateConsumer("Web");
        File.Delete(Path.Combine(project, "Web.csproj"));
        File.WriteAllText(Path.Combine(project, "Web.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Bastion.Analyzers" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(project, "Services"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource);
        File.WriteAllText(Path.Combine(project, "Services", "Mailer.cs"), MailerSource);
        File.WriteAllText(Path.Combine(project, "Services", "Vault.cs"), VaultSource);
        FormatFixesEverythingOnce(project, "Web.csproj", new[] { "BST1001", "BST1002", "BST1003", "BST1005", "BST1006", "BST3004", "BST3005", "BST4001", "BST4002", "BST4003", "BST5001", "BST5002", "BST5006", "BST5010" });
    }

    /// <summary>Restores and builds the project (every rule in <paramref name="fixable"/> has a finding), runs
    /// <c>dotnet format analyzers --severity warn</c> once, builds again (no error, none of those rules left), and runs
    /// it a second time, which must change no source file.</summary>
    private void FormatFixesEverythingOnce(string project, string projectFile, string[] fixable)
    {
        Assert.Equal(0, package.Dotnet(project, "restore").ExitCode);
        var before = Warnings(package.Dotnet(project, "build", "--no-restore"));
        Assert.All(fixable, id => Assert.Contains(id, before));

        var first = package.DotnetFormat(project, "format", "analyzers", projectFile, "--severity", "warn", "--no-restore");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotMatch(new Regex("Failed to apply|returned an unexpected operation"), first.Output);
        var afterFirst = Sources(project);

        var build = package.Dotnet(project, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.ToString());
        var after = Warnings(build);
        Assert.DoesNotContain(after, id => fixable.Contains(id));

        var second = package.DotnetFormat(project, "format", "analyzers", projectFile, "--severity", "warn", "--no-restore");
        Assert.True(second.ExitCode == 0, second.ToString());
        var changed = Sources(project).Where(p => afterFirst[p.Key] != p.Value).Select(p => p.Key).ToList();
        Assert.True(changed.Count == 0, "a second run changed " + string.Join(", ", changed));
    }

    private const string ProgramSource = """
            using System.Net;
            using System.Security.Cryptography;
            using Web.Services;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<Mailer>();
            builder.Services.AddSingleton<Vault>();
            var app = builder.Build();
            app.UseDeveloperExceptionPage();

            app.MapGet("/login", (string user, string password, ILogger<Program> logger) =>
            {
                logger.LogInformation("Login for {User} with {Password}", user, password);
                return Results.Ok();
            });

            app.MapGet("/report", () =>
            {
                try
                {
                    return Results.Ok(File.ReadAllText("report.txt"));
                }
                catch (IOException ex)
                {
                    return Results.Problem(ex.ToString());
                }
            });

            app.MapGet("/back", (string to) => Results.Redirect(to));

            app.MapGet("/find", (string name, System.Data.Common.DbConnection database) =>
            {
                using var command = database.CreateCommand();
                command.CommandText = $"select id from users where name = '{name}'";
                return Results.Ok(command.ExecuteScalar());
            });

            app.MapGet("/log", (string branch) => Results.Ok(System.Diagnostics.Process.Start("git", "log --oneline " + branch)?.Id));
            app.MapGet("/hello", (string name) => Results.Ok(new Microsoft.AspNetCore.Html.HtmlString($"<p>Hello {name}</p>").Value));
            app.Run();
            """;

    private const string MailerSource = """
            using System.Net;
            using System.Net.Http;

            namespace Web.Services;

            public sealed class Mailer(IConfiguration configuration)
            {
                private const string SmtpPassword = "M4il-Pass-2024!";
                private static readonly string GitHubToken = "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";

                public NetworkCredential Credentials() => new("mailer", SmtpPassword);

                public string Name => configuration["Mailer:Name"] ?? "shop";

                public HttpClient Client()
                {
                    var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true };
                    var client = new HttpClient(handler);
                    client.DefaultRequestHeaders.Add("Authorization", "token " + GitHubToken);
                    return client;
                }
            }
            """;

    private const string VaultSource = """
            using System.Net;
            using System.Security.Cryptography;

            namespace Web.Services;

            public sealed class Vault
            {
                private static readonly byte[] Key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                private const string Orders = "Server=db;Database=orders;User Id=app;Password=Db-P4ssw0rd-99;";

                public string OrdersConnection => Orders;

                public ICredentials Backup() => Connect("svc-backup", "Backup-Acc0unt-Pa55");

                private static ICredentials Connect(string user, string value) => new NetworkCredential(user, value);

                public byte[]? Open(byte[] data, byte[] iv)
                {
                    using var aes = Aes.Create();
                    aes.Key = Key;
                    try
                    {
                        return aes.DecryptCbc(data, iv);
                    }
                    catch (CryptographicException)
                    {
                        return null;
                    }
                }
            }
            """;

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
