using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Shared.Formats;
using Bastion.Cli;
using Bastion.Tests.Catalogue;
using Bastion.Tests.Infrastructure;
using Bastion.Tests.Secrets.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Bastion.Tests.Robustness;

/// <summary>Every analyzer, together, on adversarial and concurrent input: no exception, no hang (a cancellation
/// budget, not a stopwatch), the same answer every time, and no secret in any output.</summary>
[Trait("Category", "Robustness")]
public sealed class RobustnessTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalFiles = default)
    {
        using var budget = new CancellationTokenSource(Budget);
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalFiles),
            (e, a, _) => { lock (exceptions) { exceptions.Add(a.GetType().Name + ": " + e.GetType().Name + ": " + e.Message); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync(budget.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The analyzers did not finish within {Budget}.");
        }

        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "AD0002" or "BST0001");
        return diagnostics;
    }

    private static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Adversarial",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/0/Adversarial{i}.cs")),
            TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static TheoryData<string> AdversarialSources => new()
    {
        "10MB string literal",
        "50000-term concatenation",
        "2000-deep nesting",
        "20000-statement method",
        "50000-member class",
        "10000 near-miss token literals",
        "every token format's worst case",
    };

    [Theory]
    [MemberData(nameof(AdversarialSources))]
    public async Task AdversarialSource_AllAnalyzersFinishWithoutException(string kind)
    {
        var random = new Random(kind.Length);
        string source;
        switch (kind)
        {
            case "10MB string literal":
                var literal = new StringBuilder();
                while (literal.Length < 10_000_000)
                {
                    literal.Append("ghp_").Append(RandomText(random, 36)).Append(' ').Append(RandomText(random, 60)).Append("== Password=x; ");
                }

                source = "class C { string big = \"" + literal + "\"; }";
                break;
            case "50000-term concatenation":
                source = "class C { string M(string v) => \"Server=db;\"" + string.Concat(Enumerable.Range(0, 50_000).Select(i => i % 2 == 0 ? " + v" : " + \";Password=p" + i + "\"")) + "; }";
                break;
            case "2000-deep nesting":
                source = "class C { int M(int x) { " + string.Concat(Enumerable.Repeat("if (x > 0) { ", 2_000)) + "x++;" + new string('}', 2_000) +
                         " return " + new string('(', 2_000) + "x" + new string(')', 2_000) + "; } }";
                break;
            case "20000-statement method":
                source = "using System.Net; class C { ICredentials M(string input) { var p0 = \"Winter2024!\"; " +
                         string.Concat(Enumerable.Range(1, 20_000).Select(i => $"var p{i} = p{i - 1}; ")) +
                         "return new NetworkCredential(\"svc\", p20000); } }";
                break;
            case "50000-member class":
                source = "class C { " + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"string password{i} = \"v{i}\"; ")) + "}";
                break;
            case "every token format's worst case":
                // For each format of the catalogue: its anchor, then a body one character short, over and over — every
                // position starts a candidate that fails only at its end (what makes a backtracking regex quadratic).
                var worst = new StringBuilder("class C {\n");
                foreach (var format in TokenCatalog.All)
                {
                    var anchor = format.Pattern.Anchor;
                    var body = new string('A', Math.Max(0, format.Pattern.MinLength - anchor.Length - 1));
                    var text = new StringBuilder();
                    while (text.Length < 16_000)
                    {
                        text.Append(anchor).Append(body);
                    }

                    worst.Append($"    string f{worst.Length} = @\"{text.ToString().Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n");
                }

                source = worst.Append('}').ToString();
                break;
            default:
                source = "class C { " + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"string t{i} = \"ghp_{RandomText(random, 36)}\"; ")) + "}";
                break;
        }

        var diagnostics = await AnalyzeAsync(Compile(source));

        if (kind == "20000-statement method")
        {
            // Beyond the engine's depth bound the flow is unknown, never constant: no finding, and no hang.
            Assert.DoesNotContain(diagnostics, d => d.Id == "BST1005" && d.Location.SourceSpan.Start > source.Length / 2);
        }

        if (kind == "10000 near-miss token literals")
        {
            // A checksum that fails is a suggestion at most, marked unverified: never a warning.
            Assert.All(diagnostics.Where(d => d.Id == "BST1003"), d =>
            {
                Assert.Equal(DiagnosticSeverity.Info, d.Severity);
                Assert.True(d.Properties.ContainsKey("Unverified"));
            });
        }
    }

    [Fact]
    public async Task MalformedAndHugeConfigurationFiles_AllAnalyzersFinishWithoutException()
    {
        var huge = new StringBuilder("{");
        for (var i = 0; huge.Length < 10_000_000; i++)
        {
            huge.Append($"\"Key{i}\": {{ \"Password\": \"p{i}-{i % 97}\", \"List\": [1, 2, \"x\"] }}, ");
        }

        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryText("/0/appsettings.json", huge.ToString()),
            new InMemoryText("/0/appsettings.Broken.json", "{ \"a\": [ { \"b\": \"unterminated "),
            new InMemoryText("/0/web.config", "<configuration><appSettings><add key=\"Password\" value=\"" + new string('x', 5_000_000)),
            new InMemoryText("/0/app.config", new string('<', 1_000_000)));

        await AnalyzeAsync(Compile("class C { }"), files);
    }

    [Fact]
    public async Task SameCompilation_TwentyParallelRuns_GiveTheSameDiagnostics()
    {
        var sample = RepositoryPaths.Combine("samples", "VulnerableShop");
        var trees = Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: p));
        var compilation = CSharpCompilation.Create("Sample", trees, TestReferences.Default, new CSharpCompilationOptions(OutputKind.ConsoleApplication));

        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => AnalyzeAsync(compilation))));

        var first = Describe(runs[0]);
        Assert.NotEmpty(runs[0]);
        Assert.All(runs, run => Assert.Equal(first, Describe(run)));
    }

    [Fact]
    public async Task SecretCanaries_OfEveryFormat_NeverAppearInAnyOutput()
    {
        var folder = Directory.CreateTempSubdirectory("bastion-canary-").FullName;
        try
        {
            var random = new Random(99);
            var canaries = TokenCatalog.All.Select(f => SecretCorpus.Generate(f, random)).ToList();

            // A piece that is text of the format's own published literals (a header name, a URL path) or of its public
            // names (the format ID in a diagnostic property: "plaid-production-access" holds "uction-a" when the first
            // generated character is an 'a') is structure, not secret; every other piece touching a generated
            // character is checked.
            var publicText = TokenCatalog.All.ToDictionary(
                f => f.Id,
                f => f.Pattern.Segments.Where(segment => segment.IsLiteral).Select(segment => segment.Literal!)
                    .Concat(new[] { f.Id, f.Description, f.Vendor, f.Variable }).ToList());
            var code = new StringBuilder("class Canaries\n{\n");
            var json = new StringBuilder("{\n");
            for (var i = 0; i < canaries.Count; i++)
            {
                code.Append($"    string value{i} = @\"{canaries[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n");
                json.Append($"  \"Setting{i}\": \"{canaries[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\",\n");
            }

            File.WriteAllText(Path.Combine(folder, "Canaries.cs"), code.Append("}\n").ToString());
            File.WriteAllText(Path.Combine(folder, "appsettings.json"), json.Append("  \"End\": 0\n}\n").ToString());

            var text = new StringBuilder();
            foreach (var format in new[] { "text", "json", "sarif" })
            {
                using var output = new StringWriter();
                using var error = new StringWriter();
                Assert.Equal(CommandLine.Findings, await CommandLine.RunAsync(new[] { "scan", folder, "--format", format }, output, error));
                text.Append(output).Append('\n').Append(error).Append('\n');
                if (format != "text")
                {
                    // Escaping could hide a piece; check every decoded string value too.
                    using var document = System.Text.Json.JsonDocument.Parse(output.ToString());
                    AppendStrings(document.RootElement, text);
                }
            }

            // The baseline writer, and a scan against that baseline.
            var baseline = Path.Combine(folder, "bastion.baseline.json");
            using (var output = new StringWriter())
            using (var error = new StringWriter())
            {
                Assert.Equal(CommandLine.Clean, await CommandLine.RunAsync(new[] { "baseline", folder, "--output", baseline }, output, error));
                text.Append(File.ReadAllText(baseline)).Append('\n').Append(output).Append(error);
                File.AppendAllText(Path.Combine(folder, "Canaries.cs"), "class Later { string token = \"Later-Canary-Value-2024!\"; }\n");
                output.GetStringBuilder().Clear();
                Assert.Equal(CommandLine.Findings, await CommandLine.RunAsync(new[] { "scan", folder, "--format", "sarif", "--baseline", baseline }, output, error));
                text.Append(output).Append(error);
            }

            // Diagnostics in process: messages, every property, and the titles and keys of every code fix offered.
            await AppendDiagnosticsAndFixesAsync(File.ReadAllText(Path.Combine(folder, "Canaries.cs")), File.ReadAllText(Path.Combine(folder, "appsettings.json")), text);

            var all = text.ToString();
            // Test-mode keys are suggestions ("info"), live ones warnings: every canary is found in code either way.
            Assert.True(all.Split('\n').Count(l => l.Contains("warning BST1003", StringComparison.Ordinal) || l.Contains("info BST1003", StringComparison.Ordinal)) >= canaries.Count, "every canary is found in code");
            for (var c = 0; c < canaries.Count; c++)
            {
                var canary = canaries[c];
                var literals = publicText[TokenCatalog.All[c].Id];
                for (var i = 0; i + 8 <= canary.Length; i++)
                {
                    var piece = canary.Substring(i, 8);
                    if (literals.Any(l => l.Contains(piece, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    Assert.False(all.Contains(piece, StringComparison.Ordinal), $"'{piece}' of a canary appears in the output");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AppendDiagnosticsAndFixesAsync(string code, string json, StringBuilder text)
    {
        using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        var project = workspace.AddProject("Canaries", LanguageNames.CSharp)
            .WithMetadataReferences(TestReferences.Default)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var document = project.AddDocument("Canaries.cs", code);
        project = document.Project.AddAdditionalDocument("appsettings.json", json, filePath: "/0/appsettings.json").Project;
        var compilation = (await project.GetCompilationAsync())!;
        var additional = project.AdditionalDocuments.Select(d => (AdditionalText)new InMemoryText(d.FilePath!, json)).ToImmutableArray();
        var diagnostics = await AnalyzeAsync((CSharpCompilation)compilation, additional);
        Assert.NotEmpty(diagnostics);
        var fixes = typeof(Bastion.CodeFixes.Secrets.HardcodedCredentialCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        var codeDocument = project.GetDocument(document.Id)!;
        foreach (var diagnostic in diagnostics)
        {
            text.Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            foreach (var property in diagnostic.Properties)
            {
                text.Append(property.Key).Append('=').Append(property.Value).Append('\n');
            }

            if (!diagnostic.Location.IsInSource)
            {
                continue;
            }

            foreach (var fix in fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
                await fix.RegisterCodeFixesAsync(new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(codeDocument, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                {
                    text.Append(action.Title).Append('\n').Append(action.EquivalenceKey).Append('\n');
                }
            }
        }
    }

    private static void AppendStrings(System.Text.Json.JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.String:
                text.Append(element.GetString()).Append('\n');
                break;
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(property.Name).Append('\n');
                    AppendStrings(property.Value, text);
                }

                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AppendStrings(item, text);
                }

                break;
        }
    }

    private static string Describe(ImmutableArray<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(DiagnosticAnnotator.Describe).OrderBy(d => d, StringComparer.Ordinal));

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}
