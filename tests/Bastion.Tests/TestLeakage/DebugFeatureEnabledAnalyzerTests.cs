using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.TestLeakage.DebugFeatureEnabledAnalyzer>;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.TestLeakage.DebugFeatureEnabledAnalyzer, Bastion.CodeFixes.TestLeakage.DebugFeatureEnabledCodeFix>;

namespace Bastion.Tests.TestLeakage;

public sealed class DebugFeatureEnabledAnalyzerTests
{
    [Fact]
    public Task UnguardedDebugFeatures_Report() => Verify.VerifyAsync("""
        using System.Diagnostics;
        using Microsoft.AspNetCore.Authentication.BearerToken;
        using Microsoft.AspNetCore.Builder;
        class C
        {
            void Configure(WebApplication app)
            {
                [|app.UseDeveloperExceptionPage()|];
                [|Debugger.Launch()|];
                if (Debugger.IsAttached) { [|Debugger.Break()|]; }
            }
        }
        """);

    [Fact]
    public Task DetailSwitchesSetToTrue_Report() => Verify.VerifyAsync("""
        class JwtOptions { public bool IncludeErrorDetails { get; set; } }
        class CircuitOptions { public bool DetailedErrors { get; set; } }
        class C
        {
            void M(JwtOptions jwt, CircuitOptions circuit)
            {
                [|jwt.IncludeErrorDetails = true|];
                [|circuit.DetailedErrors = true|];
                jwt.IncludeErrorDetails = false;
            }
        }
        """);

    [Fact]
    public Task GuardedDebugFeatures_DoNotReport() => Verify.Test("""
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void Configure(WebApplication app)
            {
                if (app.Environment.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
                else
                {
                    app.UseExceptionHandler("/error");
                }

                if (app.Environment.IsDevelopment() && Debugger.IsAttached) Debugger.Break();
        #if DEBUG
                Debugger.Launch();
        #endif
            }
        }
        """).WithPreprocessorSymbols("DEBUG").RunAsync();

    [Fact]
    public Task ElseBranchOfTheGuard_Reports() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void Configure(WebApplication app)
            {
                if (app.Environment.IsDevelopment())
                {
                    app.UseExceptionHandler("/error");
                }
                else
                {
                    [|app.UseDeveloperExceptionPage()|];
                }
            }
        }
        """);

    [Fact]
    public Task WebConfigDebugCompilationAndCustomErrorsOff_Report() =>
        Verify.Test("class C { }")
            .WithAdditionalFile("web.config", """
                <configuration>
                  <system.web>
                    <compilation debug="[|true|]" targetFramework="4.8" />
                    <customErrors mode="[|Off|]" />
                  </system.web>
                </configuration>
                """)
            .WithAssertion(d => Assert.Contains(d, x => x.GetMessage().StartsWith("<compilation debug=\"true\"> in web.config is on", System.StringComparison.Ordinal)))
            .RunAsync();

    [Fact]
    public Task WebConfigReleaseSettings_DoNotReport() =>
        Verify.Test("class C { }")
            .WithAdditionalFile("web.config", """
                <configuration><system.web><compilation debug="false" /><customErrors mode="RemoteOnly" /></system.web></configuration>
                """)
            .RunAsync();

    [Fact]
    public Task Message_NamesTheFeature() =>
        Verify.Test("""
            using Microsoft.AspNetCore.Builder;
            class C { void M(WebApplication app) => [|app.UseDeveloperExceptionPage()|]; }
            """)
            .WithAssertion(d => Assert.Equal(
                "UseDeveloperExceptionPage() is on outside an IsDevelopment() or #if DEBUG guard; it exposes internals in production",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Fix_WrapsInTheApplicationsEnvironmentCheck() => VerifyFix.VerifyFixAsync(
        """
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        class Startup
        {
            void Configure(WebApplication app)
            {
                app.UseRouting();
                [|app.UseDeveloperExceptionPage()|];
            }
        }
        """,
        """
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        class Startup
        {
            void Configure(WebApplication app)
            {
                app.UseRouting();
                if (app.Environment.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
            }
        }
        """);

    [Fact]
    public Task Fix_UsesAnEnvironmentInScope_AndNoneWithoutOne() => VerifyFix.VerifyFixAsync(
        """
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;
        class Startup
        {
            void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                [|app.UseDeveloperExceptionPage()|];
            }

            void Other() { [|Debugger.Launch()|]; }
        }
        """,
        """
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;
        class Startup
        {
            void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
            }

            void Other() { [|Debugger.Launch()|]; }
        }
        """);

    [Fact]
    public Task Fix_AddsNoUsingThatAGlobalUsingProvides() => VerifyFix.Test(
        """
        using Microsoft.AspNetCore.Builder;
        class Startup
        {
            void Configure(WebApplication app)
            {
                [|app.UseDeveloperExceptionPage()|];
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;
        class Startup
        {
            void Configure(WebApplication app)
            {
                if (app.Environment.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
            }
        }
        """)
        .WithSource("global using Microsoft.Extensions.Hosting;", "GlobalUsings.g.cs")
        .WithFixedSource("global using Microsoft.Extensions.Hosting;", "GlobalUsings.g.cs")
        .RunAsync();

    [Fact]
    public Task GuardsInEveryForm_DoNotReport() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;
        class Startup
        {
            void EarlyReturn(WebApplication app)
            {
                if (!app.Environment.IsDevelopment())
                {
                    return;
                }

                app.UseDeveloperExceptionPage();
            }

            void Local(IApplicationBuilder app, IWebHostEnvironment env)
            {
                var development = env.IsDevelopment();
                if (development)
                {
                    app.UseDeveloperExceptionPage();
                }
            }

            void Ternary(WebApplication app) => _ = app.Environment.IsDevelopment() ? app.UseDeveloperExceptionPage() : app;
        }
        """);

    [Fact]
    public Task GuardThatAdmitsOtherEnvironments_ReportsAndSaysSo() => Verify.Test("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        class Startup
        {
            void Configure(WebApplication app, bool verbose)
            {
                if (app.Environment.IsDevelopment() || app.Environment.EnvironmentName == "Docker")
                {
                    [|app.UseDeveloperExceptionPage()|];
                }

                var development = app.Environment.IsDevelopment();
                development = verbose;
                if (development)
                {
                    [|app.UseDeveloperExceptionPage()|];
                }
            }
        }
        """)
        .WithAssertion(d => Assert.Contains(d, x => x.GetMessage().Contains("behind a guard that also admits environments other than Development", System.StringComparison.Ordinal)))
        .RunAsync();
}
