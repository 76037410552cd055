using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Bastion.Tests.InfrastructureUnits;

/// <summary>The host that ships every rule in one analyzer: a rule switched off is not initialized, so its actions never
/// run; a rule switched on anywhere runs, and reports where it is on.</summary>
public sealed class RuleHostTests
{
    private const string Source = """
        class C
        {
            void M()
            {
                var x = 1;
            }
        }
        """;

    [Fact]
    public async Task RuleOnByDefault_Runs()
    {
        var rule = new CountingRule("TST0101");

        var diagnostics = await RunAsync(RuleHost.Of(rule), Project());

        Assert.True(rule.Calls > 0);
        Assert.Contains(diagnostics, d => d.Id == "TST0101");
    }

    [Fact]
    public async Task RuleSwitchedOffByNoWarn_NeverRuns()
    {
        var rule = new CountingRule("TST0102");

        var diagnostics = await RunAsync(RuleHost.Of(rule), Project(specific: ("TST0102", ReportDiagnostic.Suppress)));

        Assert.Equal(0, rule.Calls);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("editorconfig")]
    [InlineData("globalconfig")]
    [InlineData("category")]
    [InlineData("all")]
    public async Task RuleSwitchedOffEverywhere_NeverRuns(string how)
    {
        var rule = new CountingRule("TST0103");
        var project = how switch
        {
            "editorconfig" => Project(editorConfig: "[*.cs]\ndotnet_diagnostic.TST0103.severity = none\n"),
            "globalconfig" => Project(globalConfig: "dotnet_diagnostic.TST0103.severity = none\n"),
            "category" => Project(globalConfig: "dotnet_analyzer_diagnostic.category-Test.severity = none\n"),
            _ => Project(editorConfig: "[*.cs]\ndotnet_analyzer_diagnostic.severity = none\n"),
        };

        var diagnostics = await RunAsync(RuleHost.Of(rule), project);

        Assert.Equal(0, rule.Calls);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task RuleSwitchedOffInOneFolder_RunsAndReportsElsewhere()
    {
        var rule = new CountingRule("TST0104");
        var project = Project(
            editorConfig: "[tests/*.cs]\ndotnet_diagnostic.TST0104.severity = none\n",
            files: new[] { "tests/T.cs", "src/S.cs" });

        var diagnostics = await RunAsync(RuleHost.Of(rule), project);

        Assert.True(rule.Calls > 0);
        var finding = Assert.Single(diagnostics);
        Assert.EndsWith("src/S.cs", finding.Location.SourceTree!.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleOffByDefault_RunsWhereSwitchedOn()
    {
        var rule = new CountingRule("TST0105", enabledByDefault: false);
        var off = new CountingRule("TST0106", enabledByDefault: false);
        var project = Project(editorConfig: "[src/*.cs]\ndotnet_diagnostic.TST0105.severity = warning\n", files: new[] { "tests/T.cs", "src/S.cs" });

        var diagnostics = await RunAsync(RuleHost.Of(rule, off), project);

        Assert.True(rule.Calls > 0);
        Assert.Equal(0, off.Calls);
        Assert.Equal("TST0105", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task SpecificSetting_WinsOverBulkSetting()
    {
        var rule = new CountingRule("TST0107");
        var project = Project(globalConfig: "dotnet_analyzer_diagnostic.category-Test.severity = none\ndotnet_diagnostic.TST0107.severity = warning\n");

        var diagnostics = await RunAsync(RuleHost.Of(rule), project);

        Assert.True(rule.Calls > 0);
        Assert.Single(diagnostics);
    }

    [Fact]
    public async Task OneRuleOff_TheOtherRulesOfTheHostStillRun()
    {
        var on = new CountingRule("TST0108");
        var off = new CountingRule("TST0109");

        var diagnostics = await RunAsync(RuleHost.Of(on, off), Project(globalConfig: "dotnet_diagnostic.TST0109.severity = none\n"));

        Assert.True(on.Calls > 0);
        Assert.Equal(0, off.Calls);
        Assert.Equal("TST0108", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task RuleWithSeveralDiagnostics_RunsWhileOneOfThemIsOn()
    {
        var rule = new CountingRule("TST0110", "TST0111");

        var diagnostics = await RunAsync(RuleHost.Of(rule), Project(globalConfig: "dotnet_diagnostic.TST0110.severity = none\n"));

        Assert.True(rule.Calls > 0);
        Assert.Equal("TST0111", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task RuleRunningAlone_IsNotSkippedByTheDriver_WhichIsWhyTheHostDecides()
    {
        // The compiler skips an analyzer only when every diagnostic it supports is off; each rule also supports BST0001,
        // which is on. Alone, a rule switched off still runs (and its findings are dropped). In a host it does not run.
        var alone = new CountingRule("TST0112");
        var hosted = new CountingRule("TST0112");
        var project = Project(globalConfig: "dotnet_diagnostic.TST0112.severity = none\n");

        var aloneDiagnostics = await RunAsync(alone, project);
        var hostedDiagnostics = await RunAsync(RuleHost.Of(hosted), project);

        Assert.True(alone.Calls > 0);
        Assert.Empty(aloneDiagnostics);
        Assert.Equal(0, hosted.Calls);
        Assert.Empty(hostedDiagnostics);
    }

    [Fact]
    public async Task NoSourceFiles_TheGlobalSettingDecides()
    {
        var on = new CountingRule("TST0113", additionalFiles: true);
        var off = new CountingRule("TST0114", additionalFiles: true);
        var project = Project(globalConfig: "dotnet_diagnostic.TST0114.severity = none\n", files: Array.Empty<string>(), additionalFile: "appsettings.json");

        var diagnostics = await RunAsync(RuleHost.Of(on, off), project);

        Assert.True(on.Calls > 0);
        Assert.Equal(0, off.Calls);
        Assert.Equal("TST0113", Assert.Single(diagnostics).Id);
    }

    /// <summary>The host runs its rules' actions for one operation one after another (one driver callback): a rule that
    /// fails there is reported as BST0001 and the next rule's action on the same operation still runs.</summary>
    [Fact]
    public async Task RuleThatFails_TheNextRulesActionOnTheSameOperationStillRuns()
    {
        var failing = new CountingRule("TST0115", throws: true);
        var after = new CountingRule("TST0116");

        // The harness counts BST0001 as a failure, which is what this test wants to see.
        var run = await AnalyzerRunner.RunAsync(Project(), ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(failing, after)));

        Assert.True(failing.Calls > 0);
        Assert.Equal(failing.Calls, after.Calls);
        Assert.Contains(run.AnalyzerExceptions, e => e.Contains("BST0001", StringComparison.Ordinal) && e.Contains("CountingRule", StringComparison.Ordinal) && e.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Id == "TST0116");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TST0115");
    }

    [Fact]
    public async Task ShippedHosts_WithEveryRuleOff_InitializeNoRule()
    {
        var hosts = new RuleHost[] { new BastionRulesAnalyzer(), new BastionCompilationEndRulesAnalyzer() };
        var config = new StringBuilder();
        foreach (var id in hosts.SelectMany(h => h.SupportedDiagnostics).Select(d => d.Id).Where(id => id != RuleIdentifiers.AnalyzerFailure))
        {
            config.Append("dotnet_diagnostic.").Append(id).Append(".severity = none\n");
        }

        var project = Project(globalConfig: config.ToString());
        var compilation = (await project.GetCompilationAsync())!;

        foreach (var host in hosts)
        {
            Assert.All(host.HostedRules, rule => Assert.False(RuleSeverity.MayReport(rule.RuleDescriptors, compilation, project.AnalyzerOptions, CancellationToken.None), rule.GetType().Name));
            Assert.Empty(await RunAsync(host, project));
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, Project project)
    {
        var run = await AnalyzerRunner.RunAsync(project, ImmutableArray.Create(analyzer));
        Assert.Empty(run.AnalyzerExceptions);
        return run.Diagnostics;
    }

    private static Project Project(
        string editorConfig = "",
        string globalConfig = "",
        (string Id, ReportDiagnostic Report)? specific = null,
        string[]? files = null,
        string? additionalFile = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        if (specific is { } setting)
        {
            options = options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { [setting.Id] = setting.Report });
        }

        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "P", "P", LanguageNames.CSharp, filePath: "/0/P.csproj", compilationOptions: options, metadataReferences: TestReferences.Default));
        foreach (var file in files ?? new[] { "Test.cs" })
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), file, SourceText.From(Source), filePath: "/0/" + file);
        }

        if (additionalFile is not null)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), additionalFile, SourceText.From("{}"), filePath: "/0/" + additionalFile);
        }

        if (editorConfig.Length > 0)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n" + editorConfig), filePath: "/0/.editorconfig");
        }

        if (globalConfig.Length > 0)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From("is_global = true\n" + globalConfig), filePath: "/0/.globalconfig");
        }

        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetProject(projectId)!;
    }

    /// <summary>Reports each of its diagnostics on every variable declarator (or additional file), and counts the calls.</summary>
#pragma warning disable RS1001, RS1036 // A test rule, created directly.
    private sealed class CountingRule : BastionAnalyzer
    {
        private readonly ImmutableArray<DiagnosticDescriptor> descriptors;
        private readonly bool additionalFiles;
        private int calls;

        private readonly bool throws;

        public CountingRule(string id, string? secondId = null, bool enabledByDefault = true, bool additionalFiles = false, bool throws = false)
        {
            this.throws = throws;
            var ids = secondId is null ? new[] { id } : new[] { id, secondId };
            descriptors = ids.Select(i => new DiagnosticDescriptor(i, "Counted", "Counted", "Test", DiagnosticSeverity.Warning, enabledByDefault)).ToImmutableArray();
            this.additionalFiles = additionalFiles;
        }

        public int Calls => Volatile.Read(ref calls);

        protected override ImmutableArray<DiagnosticDescriptor> Rules => descriptors;

        protected override void InitializeCore(AnalysisContext context)
        {
            if (additionalFiles)
            {
                context.RegisterAdditionalFileAction(c =>
                {
                    Interlocked.Increment(ref calls);
                    foreach (var descriptor in descriptors)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(descriptor, Location.None));
                    }
                });
                return;
            }

            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
                c =>
                {
                    Interlocked.Increment(ref calls);
                    if (throws)
                    {
                        throw new InvalidOperationException("a rule's bug");
                    }

                    foreach (var descriptor in descriptors)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(descriptor, c.Operation.Syntax.GetLocation()));
                    }
                },
                OperationKind.VariableDeclarator));
        }
    }
#pragma warning restore RS1001, RS1036
}
