using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Bastion.Tests.Catalogue;

/// <summary>Keeps IDs, descriptors, docs, release tracking, presets, fixers and the README in step, by reflection
/// over what actually ships.</summary>
public sealed class CatalogueTests
{
    public static TheoryData<string> RuleIds => new(RuleCatalog.Rules.Select(r => r.Id));

    public static TheoryData<string> AnalyzerNames => new(RuleCatalog.Analyzers.Select(a => a.GetType().Name));

    [Fact]
    public void ThereAreRules() => Assert.NotEmpty(RuleCatalog.Rules);

    [Fact]
    public void RuleIds_AreUniqueAcrossAnalyzersAndWellFormed()
    {
        var ids = RuleCatalog.Analyzers.SelectMany(RuleCatalog.RulesOf).Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^BST[1-5]\d{3}$", id));
    }

    [Fact]
    public void RuleIds_AreAllInTheRegistry()
    {
        var registered = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(id => id != RuleIdentifiers.AnalyzerFailure)
            .ToHashSet();

        Assert.Equal(registered.OrderBy(i => i), RuleCatalog.Rules.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_HasCategoryCweTagsAndHelpLink(string id)
    {
        var rule = RuleCatalog.Rules.Single(r => r.Id == id);

        Assert.Equal("Security", rule.Category);
        Assert.Equal(DiagnosticDescriptorFactory.HelpLink(id), rule.HelpLinkUri);
        Assert.NotEmpty(RuleCatalog.Cwes(rule));
        Assert.All(RuleCatalog.Cwes(rule), cwe => Assert.Contains($"external/cwe/cwe-{cwe}", rule.CustomTags));
        Assert.Contains("security", rule.CustomTags);
        Assert.False(string.IsNullOrWhiteSpace(rule.Description.ToString()));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void DocPage_ExistsWithTitleCwesAndEverySection(string id)
    {
        var rule = RuleCatalog.Rules.Single(r => r.Id == id);
        var path = RepositoryPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"{path} is missing");
        var doc = File.ReadAllText(path);

        Assert.StartsWith($"# {id}: {rule.Title}\n", doc, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Rule description", "## Noncompliant", "## Compliant", "## How to fix", "## Options", "## How to suppress" })
        {
            Assert.Contains("\n" + section + "\n", doc, StringComparison.Ordinal);
        }

        foreach (var cwe in RuleCatalog.Cwes(rule))
        {
            Assert.Contains($"CWE-{cwe}", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryOptionKey_IsDocumentedOnTheRulePage()
    {
        // An analyzer with several rules may read an option under one of them; the key must be on that rule's page.
        foreach (var analyzer in RuleCatalog.Analyzers)
        {
            foreach (var option in RuleCatalog.OptionNames(analyzer))
            {
                var documented = RuleCatalog.RulesOf(analyzer).Any(rule =>
                    File.ReadAllText(RepositoryPaths.Combine("docs", "rules", rule.Id + ".md"))
                        .Contains($"`{RuleOptions.RuleKey(rule.Id, option)}`", StringComparison.Ordinal));
                Assert.True(documented, $"{analyzer.GetType().Name} reads '{option}', which no page of its rules documents as bastion.<ID>.{option}");
            }
        }
    }

    [Fact]
    public void EveryRule_IsInTheReleaseTrackingFiles()
    {
        var releases = File.ReadAllText(RepositoryPaths.Combine("src", "Bastion.Analyzers", "AnalyzerReleases.Shipped.md")) +
            File.ReadAllText(RepositoryPaths.Combine("src", "Bastion.Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.All(RuleCatalog.Rules, rule => Assert.Matches(new Regex($@"(?m)^{rule.Id}\s*\|"), releases));
    }

    [Fact]
    public void EveryRule_HasAFixerOrANoCodeFixReason()
    {
        foreach (var analyzer in RuleCatalog.Analyzers)
        {
            foreach (var rule in RuleCatalog.RulesOf(analyzer))
            {
                var reason = analyzer.GetType().GetCustomAttributes<NoCodeFixAttribute>()
                    .FirstOrDefault(a => a.RuleId is null || a.RuleId == rule.Id)?.Reason;
                Assert.True(
                    RuleCatalog.HasFix(rule.Id) || !string.IsNullOrWhiteSpace(reason),
                    $"{rule.Id} has neither a code fix nor [NoCodeFix(\"reason\")] on {analyzer.GetType().Name}");
            }
        }
    }

    [Fact]
    public void EveryFixer_IsExportedSharedAndSupportsFixAll()
    {
        Assert.NotEmpty(RuleCatalog.Fixers);
        foreach (var fixer in RuleCatalog.Fixers)
        {
            var type = fixer.GetType();
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.True(export is not null, $"{type.Name} is not exported");
            Assert.Contains(LanguageNames.CSharp, export!.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(RuleCatalog.Rules, r => r.Id == id));
        }
    }

    [Fact]
    public void Presets_SetEveryRule()
    {
        foreach (var (preset, severity) in new[] { ("default", (Func<DiagnosticDescriptor, string>)RuleCatalog.DefaultSeverity), ("all", _ => "warning"), ("none", _ => "none") })
        {
            var text = File.ReadAllText(RepositoryPaths.Combine("nuget", "configuration", preset + ".globalconfig"));
            Assert.Contains("is_global = true", text, StringComparison.Ordinal);
            foreach (var rule in RuleCatalog.Rules)
            {
                Assert.Contains($"dotnet_diagnostic.{rule.Id}.severity = {severity(rule)}\n", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ReadmeRuleTable_EqualsTheGeneratedTable()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var match = Regex.Match(readme, "<!-- rules:start -->\n(?<table>.*?)<!-- rules:end -->", RegexOptions.Singleline);

        Assert.True(match.Success, "README.md has no <!-- rules:start --> … <!-- rules:end --> block");
        Assert.Equal(RuleCatalog.MarkdownTable(), match.Groups["table"].Value);
    }

    [Fact]
    public void KnownFormatsTable_EqualsTheCatalogue()
    {
        var doc = File.ReadAllText(RepositoryPaths.Combine("docs", "rules", "BST1003.md"));
        var match = Regex.Match(doc, "<!-- formats:start -->\n(?<table>.*?)<!-- formats:end -->", RegexOptions.Singleline);

        Assert.True(match.Success, "BST1003.md has no <!-- formats:start --> … <!-- formats:end --> block");
        Assert.Equal(RuleCatalog.FormatTable(), match.Groups["table"].Value);
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public Task Analyzer_RunsOnEmptySource(string analyzer) => ForAnalyzer(analyzer, string.Empty).RunAsync();

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public Task Analyzer_RunsOnBrokenSourceWithoutThrowing(string analyzer) =>
        ForAnalyzer(analyzer, """
            class C : {
                string password = "unterminated
                void M( { var x = new NetworkCredential(, "p@ss" ; if (x == ) }
                public string Token => ;
            """).AllowCompilerErrors().OnlyCheckForExceptions().RunAsync();

    [Fact]
    public void ThePackageShipsTwoHosts_BetweenThemEveryRuleOnce_CompilationEndRulesApart()
    {
        var shipped = RuleCatalog.AnalyzerAssembly.GetTypes().Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null).OrderBy(t => t.Name).ToList();
        var main = new BastionRulesAnalyzer();
        var end = new BastionCompilationEndRulesAnalyzer();
        var hosted = main.HostedRules.Concat(end.HostedRules).Select(r => r.GetType()).ToList();

        Assert.Equal(new[] { typeof(BastionCompilationEndRulesAnalyzer), typeof(BastionRulesAnalyzer) }, shipped);
        Assert.Equal(hosted.Count, hosted.Distinct().Count());
        Assert.Equal(RuleCatalog.Analyzers.Select(a => a.GetType()).OrderBy(t => t.FullName), hosted.OrderBy(t => t.FullName));
        Assert.DoesNotContain(main.SupportedDiagnostics, d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
        Assert.All(end.HostedRules, rule => Assert.Contains(rule.SupportedDiagnostics, d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)));
        Assert.NotEmpty(end.HostedRules);
        Assert.Equal(
            RuleCatalog.Rules.Select(d => d.Id).Append(RuleIdentifiers.AnalyzerFailure).OrderBy(id => id, StringComparer.Ordinal),
            main.SupportedDiagnostics.Concat(end.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AllAnalyzers_ReportNothingOnOurOwnSource()
    {
        var sourceRoot = RepositoryPaths.Combine("src");
        var trees = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), new CSharpParseOptions(LanguageVersion.Latest), p))
            .ToList();
        var references = TestReferences.Default
            .Add(TestReferences.FromAssembly(typeof(DiagnosticAnalyzer).Assembly))
            .Add(TestReferences.FromAssembly(typeof(CSharpSyntaxTree).Assembly))
            .Add(TestReferences.FromAssembly(typeof(CodeFixProvider).Assembly))
            .Add(TestReferences.FromAssembly(typeof(Microsoft.CodeAnalysis.CSharp.Formatting.CSharpFormattingOptions).Assembly));
        var compilation = CSharpCompilation.Create("SelfAnalysis", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, a, _) => exceptions.Add(a + ": " + e), true, false, false);

        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new BastionRulesAnalyzer(), new BastionCompilationEndRulesAnalyzer()), options).GetAnalyzerDiagnosticsAsync();

        Assert.NotEmpty(trees);
        Assert.Empty(exceptions);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics.Select(DiagnosticAnnotator.Describe)));
    }

    private static BastionTest ForAnalyzer(string name, string source)
    {
        var analyzer = RuleCatalog.Analyzers.Single(a => a.GetType().Name == name);
        var test = new BastionTest(ImmutableArray.Create(Hosted.AsShipped(analyzer)), fixer: null);
        return test.WithSource(source);
    }
}

/// <summary>What the rules register in the shared host. An operation-block-start action makes the driver set up the whole
/// host's actions per body (docs/architecture.md, "What a hosted rule must not register").</summary>
public sealed class HostedRegistrationTests
{
    public static TheoryData<string> AnalyzerNames => CatalogueTests.AnalyzerNames;

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void NoHostedRule_RegistersAnOperationBlockStartAction(string analyzerName)
    {
        var rule = (BastionAnalyzer)RuleCatalog.Analyzers.Single(a => a.GetType().Name == analyzerName);
        var recording = new RecordingCompilationStart(Compilation());

        rule.InitializeFor(recording);

        Assert.DoesNotContain("OperationBlockStart", recording.Registered);
    }

    /// <summary>Every untrusted-data rule, of every family (configuration integrity and injection), runs on one engine:
    /// one operation-block action for all of them, so one walk of each body serves every sink kind.</summary>
    [Fact]
    public void EveryTaintRule_SharesOneOperationBlockAction()
    {
        var recording = new RecordingCompilationStart(Compilation());
        var taintRules = RuleCatalog.Analyzers.OfType<Bastion.Analyzers.Dataflow.TaintRuleAnalyzer>().ToList();

        foreach (var rule in taintRules)
        {
            rule.InitializeFor(recording);
        }

        Assert.Contains(taintRules, r => r.GetType().Namespace!.EndsWith("ConfigurationIntegrity", System.StringComparison.Ordinal));
        Assert.Contains(taintRules, r => r.GetType().Namespace!.EndsWith("Injection", System.StringComparison.Ordinal));
        Assert.Equal(1, recording.Registered.Count(r => r == "OperationBlock"));
    }

    /// <summary>The recording sees what rules register (most rules register in this compilation; BST3002's rule only
    /// where a test framework is referenced), and it would see a block-start action.</summary>
    [Fact]
    public void TheRecording_SeesWhatRulesRegister_AndAnOperationBlockStartAction()
    {
        var recording = new RecordingCompilationStart(Compilation());

        foreach (var rule in RuleCatalog.Analyzers.Cast<BastionAnalyzer>())
        {
            rule.InitializeFor(recording);
        }

        Assert.Contains("Operation", recording.Registered);
        Assert.Contains("OperationBlock", recording.Registered);
        Assert.DoesNotContain("OperationBlockStart", recording.Registered);

        new BlockStartProbe().InitializeFor(recording);

        Assert.Contains("OperationBlockStart", recording.Registered);
    }

    private static CSharpCompilation Compilation() => CSharpCompilation.Create(
        "Production",
        new[] { CSharpSyntaxTree.ParseText("class C { }", path: "/src/C.cs") },
        TestReferences.Default,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

#pragma warning disable RS1001, RS1012, RS1036 // A test rule, created directly; its block-start action is only recorded.
    private sealed class BlockStartProbe : BastionAnalyzer
    {
        protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray<DiagnosticDescriptor>.Empty;

        protected override void InitializeCore(AnalysisContext context) =>
            context.RegisterCompilationStartAction(start => start.RegisterOperationBlockStartAction(_ => { }));
    }
#pragma warning restore RS1001, RS1012, RS1036
}
