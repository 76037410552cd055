using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets;
using Bastion.Analyzers.Shared.Formats;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Bastion.Tests.Secrets.Corpus;

/// <summary>Recall and false positives of the secrets rules on the generated corpus, through the real analyzers.
/// The measured table is written to the test output and to <c>TestResults/secret-corpus.md</c>.</summary>
public sealed class SecretCorpusTests
{
    private readonly ITestOutputHelper output;

    public SecretCorpusTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Corpus_HasEnoughSamples()
    {
        Assert.True(TokenCatalog.All.Length >= 150, $"{TokenCatalog.All.Length} formats");
        Assert.True(SecretCorpus.FakeSecrets().Count >= 300);
        Assert.True(SecretCorpus.LookAlikes().Count >= 300);
        Assert.Equal(TokenCatalog.All.Length, TokenCatalog.All.Select(f => f.Id).Distinct().Count());
    }

    [Fact]
    public void Scanner_FindsEveryFakeAsItsOwnFormat()
    {
        var misses = new List<string>();
        foreach (var sample in SecretCorpus.FakeSecrets())
        {
            var matches = new List<TokenMatch>();
            TokenScanner.Default.FindAll(sample.Value, matches);
            // A private-key match ends where the base64 body does, before the END line.
            var format = TokenCatalog.All.Single(f => f.Id == sample.Kind);
            var expectedLength = format.Validation == TokenValidation.PrivateKeyBlock ? sample.Value.IndexOf("-----END", StringComparison.Ordinal) : sample.Value.Length;
            if (matches.Count != 1 || matches[0].Format.Id != sample.Kind || matches[0].Start != 0 || matches[0].Length != expectedLength)
            {
                misses.Add($"{sample.Kind}: {(matches.Count == 0 ? "not found" : string.Join(",", matches.Select(m => $"{m.Format.Id}@{m.Start}+{m.Length}")))}");
            }
        }

        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public void Scanner_FindsNothingInLookAlikes()
    {
        var hits = SecretCorpus.LookAlikes()
            .Where(s => TokenScanner.Default.ContainsToken(s.Value))
            .Select(s => s.Kind + ": " + s.Value)
            .ToList();

        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    [Fact]
    public void Scanner_NearMissesWithABrokenChecksumAreRejected()
    {
        var checksummed = SecretCorpus.FakeSecrets().Where(s => TokenCatalog.All.Single(f => f.Id == s.Kind).Validation == TokenValidation.Crc32Base62);
        foreach (var sample in checksummed)
        {
            var last = sample.Value[^1];
            var broken = sample.Value.Substring(0, sample.Value.Length - 1) + (last == 'A' ? 'B' : 'A');
            Assert.False(TokenScanner.Default.ContainsToken(broken), sample.Kind);
        }
    }

    [Fact]
    public async Task Rules_RecallAndFalsePositivesOnTheCorpus()
    {
        var fakes = SecretCorpus.FakeSecrets();
        var lookAlikes = SecretCorpus.LookAlikes();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(new KnownSecretFormatAnalyzer(), new HardcodedCredentialAnalyzer(), new HighEntropySecretAnalyzer()));

        // Fakes under neutral names: only a format can find them (BST1003). Under credential names: exactly one
        // finding each, by BST1003 (BST1001 defers to it). Look-alikes: nothing, under neutral names; under
        // credential names BST1001 reports them by design (a GUID given to 'password' is a password).
        var neutralFakes = await FindingsPerValueAsync(fakes.Select(s => s.Value).ToList(), "value", analyzers);
        var namedFakes = await FindingsPerValueAsync(fakes.Select(s => s.Value).ToList(), "apiKey", analyzers);
        var neutralLookAlikes = await FindingsPerValueAsync(lookAlikes.Select(s => s.Value).ToList(), "value", analyzers);
        var namedLookAlikesInTests = await FindingsPerValueAsync(lookAlikes.Select(s => s.Value).ToList(), "apiKey", analyzers, testProject: true);

        var report = new StringBuilder();
        report.AppendLine("| Rule | Corpus | Samples | Reported | Rate |");
        report.AppendLine("|---|---|---|---|---|");
        void Row(string rule, string corpus, IReadOnlyList<List<string>> findings)
        {
            var reported = findings.Count(f => f.Contains(rule));
            report.AppendLine($"| {rule} | {corpus} | {findings.Count} | {reported} | {100.0 * reported / findings.Count:0.0}% |");
        }

        Row("BST1003", "fake secrets, neutral names (recall)", neutralFakes);
        Row("BST1003", "fake secrets, credential names (recall)", namedFakes);
        Row("BST1001", "fake secrets, credential names (deferred to BST1003)", namedFakes);
        Row("BST1003", "look-alikes, neutral names (false positives)", neutralLookAlikes);
        Row("BST1003?", "look-alikes, neutral names (unverified suggestions: near-misses of a checksum)", neutralLookAlikes);
        Row("BST1001", "look-alikes, neutral names (false positives)", neutralLookAlikes);
        Row("BST1004", "look-alikes, neutral names (false positives)", neutralLookAlikes);
        Row("BST1004", "look-alikes as apiKey in a test project (see by kind)", namedLookAlikesInTests);
        report.AppendLine();
        report.AppendLine("BST1004 on look-alikes named apiKey in a test project, by kind:");
        foreach (var kind in lookAlikes.Select((s, i) => (s.Kind, Hit: namedLookAlikesInTests[i].Contains("BST1004"))).GroupBy(x => x.Kind))
        {
            report.AppendLine($"- {kind.Key}: {kind.Count(x => x.Hit)}/{kind.Count()}");
        }
        output.WriteLine(report.ToString());
        Directory.CreateDirectory(RepositoryPaths.Combine("TestResults"));
        File.WriteAllText(RepositoryPaths.Combine("TestResults", "secret-corpus.md"), report.ToString());

        Assert.All(neutralFakes, f => Assert.Equal(new[] { "BST1003" }, f));
        Assert.All(namedFakes, f => Assert.Equal(new[] { "BST1003" }, f));
        // A look-alike is never a finding, except that a near-miss of a checksummed format (the vendor's prefix, length
        // and alphabet, a checksum that fails) is an unverified suggestion ("BST1003?").
        Assert.All(lookAlikes.Zip(neutralLookAlikes), pair =>
            Assert.Equal(pair.First.Kind == "near-miss-github" ? new[] { "BST1003?" } : Array.Empty<string>(), pair.Second));

        // People-written values are never taken for keys, even under a key's name.
        var humanKinds = new[] { "guid", "guid-braced-upper", "base64-text", "url", "path", "resource", "sentence", "regex", "timestamp", "semver", "mime", "nuget-id" };
        var humanHits = lookAlikes.Select((s, i) => (s, f: namedLookAlikesInTests[i])).Where(x => humanKinds.Contains(x.s.Kind) && x.f.Contains("BST1004")).Select(x => x.s.Kind + ": " + x.s.Value).ToList();
        Assert.True(humanHits.Count == 0, string.Join("\n", humanHits));
    }

    /// <summary>Compiles one field per value (<c>string value12 = @"…";</c>) and returns the rule IDs reported on each.</summary>
    private static async Task<IReadOnlyList<List<string>>> FindingsPerValueAsync(List<string> values, string namePrefix, ImmutableArray<DiagnosticAnalyzer> analyzers, bool testProject = false)
    {
        var source = new StringBuilder("class Corpus\n{\n");
        for (var i = 0; i < values.Count; i++)
        {
            source.Append($"    string {namePrefix}{i} = @\"{values[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n");
        }

        source.Append("}\n");
        var tree = CSharpSyntaxTree.ParseText(source.ToString(), path: "/0/Corpus.cs");
        var compilation = CSharpCompilation.Create("Corpus", new[] { tree }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(testProject));
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        var root = await tree.GetRootAsync();
        var fields = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax>().ToList();
        return fields
            .Select(field => diagnostics.Where(d => field.Span.Contains(d.Location.SourceSpan))
                .Select(d => d.Properties.ContainsKey(KnownSecretFormatAnalyzer.UnverifiedProperty) ? d.Id + "?" : d.Id)
                .OrderBy(i => i, StringComparer.Ordinal).ToList())
            .ToList();
    }

    private sealed class GlobalOptionsProvider(bool testProject) : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions options = new(testProject);

        public override AnalyzerConfigOptions GlobalOptions => options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options;
    }

    private sealed class DictionaryOptions(bool testProject) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = testProject ? "true" : string.Empty;
            return key == "build_property.IsTestProject";
        }
    }
}
