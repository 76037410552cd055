namespace Bastion.Benchmarks;

/// <summary>A generated multi-project application for the scanner's scaling series: a shared library and
/// <c>services</c> Web SDK projects that reference it, with implicit usings, top-level statements and
/// <see cref="Corpus.Services"/> modules. Each service holds exactly two defects whose types come only from implicit
/// usings (a request value written to <c>IConfiguration</c>, BST2002; a password written to the log, BST4001), so a
/// scan that does not see what the build sees finds fewer than <c>2 × services</c>.</summary>
internal static class ProjectTree
{
    public static IReadOnlyList<(string Path, string Text)> Create(int services, int modulesPerService)
    {
        var files = new List<(string, string)>
        {
            ("Directory.Build.props", """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                </Project>
                """),
            ("Common/Common.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <FrameworkReference Include="Microsoft.AspNetCore.App" />
                    <Using Include="Microsoft.Extensions.Configuration" />
                  </ItemGroup>
                </Project>
                """),
            ("Common/Tenancy.cs", """
                namespace Shop.Common;

                public sealed record Tenant(string Name, string Region);

                public static class Tenancy
                {
                    public static Tenant Default(IConfiguration configuration) =>
                        new(configuration["Tenant:Name"] ?? "main", configuration["Tenant:Region"] ?? "eu");
                }
                """),
        };

        for (var s = 0; s < services; s++)
        {
            var name = $"Service{s}";
            files.Add(($"{name}/{name}.csproj", """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <ItemGroup>
                    <ProjectReference Include="..\Common\Common.csproj" />
                  </ItemGroup>
                </Project>
                """));
            files.Add(($"{name}/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = builder.Build();
                app.MapControllers();
                app.MapGet("/tenant", (IConfiguration configuration) => Shop.Common.Tenancy.Default(configuration).Name);
                app.Run();
                """));
            files.Add(($"{name}/Accounts/AccountEndpoints.cs", $$"""
                using Microsoft.AspNetCore.Mvc;
                using Shop.Common;

                namespace {{name}}.Accounts;

                [ApiController]
                [Route("accounts")]
                public sealed class AccountEndpoints(IConfiguration configuration, ILogger<AccountEndpoints> logger) : ControllerBase
                {
                    [HttpPost("theme")]
                    public IActionResult SetTheme(string theme)
                    {
                        configuration["Ui:Theme"] = theme;
                        return Ok(Tenancy.Default(configuration).Region);
                    }

                    [HttpPost("login")]
                    public IActionResult Login(string user, string password)
                    {
                        logger.LogInformation("Login for {User} with {Password}", user, password);
                        return Ok();
                    }
                }
                """));
            foreach (var (path, text) in Corpus.Services(modulesPerService))
            {
                files.Add(($"{name}/{path}", text.Replace("namespace Shop.", $"namespace Shop.{name}.", StringComparison.Ordinal)));
            }
        }

        return files;
    }
}
