using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Tests.Infrastructure;

/// <summary>One analyzer or code-fix test, configured fluently and run with <see cref="RunAsync"/>. Besides the
/// expected diagnostics it always checks: the source compiles; no analyzer throws, also on the source cut at every
/// line end and at a few seeded random offsets; and, with a fix, that the fixed code compiles after every
/// application, that applying the fix again changes nothing, and that Fix All equals fixing one by one.</summary>
public sealed class BastionTest
{
    public const string ProjectDirectory = "/0/";

    /// <summary>At most this many cuts per document in the robustness run; longer sources are sampled evenly.</summary>
    private const int MaxCutsPerDocument = 60;
    private const int RandomCuts = 3;

    private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
    private readonly CodeFixProvider? fixer;
    private readonly List<(string Path, string Markup)> sources = new();
    private readonly List<(string Path, string Markup)> fixedSources = new();
    private readonly List<(string Path, string Markup)> additionalFiles = new();
    private readonly List<MetadataReference> references = new();
    private bool runtimeOnly;
    private readonly List<Action<ImmutableArray<Diagnostic>>> assertions = new();
    private readonly List<(string Id, string MessagePart)> compilationDiagnostics = new();
    private readonly StringBuilder editorConfig = new();
    private readonly StringBuilder globalConfig = new();
    private string? defaultId;
    private string? equivalenceKey;
    private bool allowCompilerErrors;
    private bool onlyCheckForExceptions;
    private bool anyCompilingFix;
    private LanguageVersion languageVersion = LanguageVersion.Latest;
    private OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary;
    private string[] preprocessorSymbols = Array.Empty<string>();

    internal BastionTest(ImmutableArray<DiagnosticAnalyzer> analyzers, CodeFixProvider? fixer)
    {
        this.analyzers = analyzers;
        this.fixer = fixer;
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Where(d => !d.CustomTags.Contains("bastion-internal")).Select(d => d.Id).Distinct().ToList();
        defaultId = ids.Count == 1 ? ids[0] : null;
    }

    public BastionTest WithSource(string markup, string? fileName = null)
    {
        sources.Add((ProjectDirectory + (fileName ?? $"Test{sources.Count}.cs"), markup));
        return this;
    }

    public BastionTest WithFixedSource(string markup, string? fileName = null)
    {
        fixedSources.Add((ProjectDirectory + (fileName ?? $"Test{fixedSources.Count}.cs"), markup));
        return this;
    }

    /// <summary>Lines for the <c>[*.cs]</c> section of the project's <c>.editorconfig</c>.</summary>
    public BastionTest WithEditorConfig(string lines)
    {
        editorConfig.Append(lines).Append('\n');
        return this;
    }

    /// <summary>Lines for the project's <c>.globalconfig</c> (where MSBuild's <c>build_property.*</c> values live).</summary>
    public BastionTest WithGlobalConfig(string lines)
    {
        globalConfig.Append(lines).Append('\n');
        return this;
    }

    public BastionTest WithAdditionalFile(string fileName, string markup)
    {
        additionalFiles.Add((ProjectDirectory + fileName, markup));
        return this;
    }

    /// <summary>Compiles against the base runtime only, without the ASP.NET Core shared framework: a console program
    /// or a library.</summary>
    public BastionTest WithRuntimeOnly()
    {
        runtimeOnly = true;
        return this;
    }

    public BastionTest WithReferences(params Type[] typesInAssemblies)
    {
        foreach (var type in typesInAssemblies)
        {
            references.Add(TestReferences.FromAssembly(type.Assembly));
        }

        return this;
    }

    public BastionTest WithReferences(params Assembly[] assemblies)
    {
        references.AddRange(assemblies.Select(TestReferences.FromAssembly));
        return this;
    }

    public BastionTest WithReferences(params MetadataReference[] metadataReferences)
    {
        references.AddRange(metadataReferences);
        return this;
    }

    /// <summary>The ID that <c>[|…|]</c> stands for, when the analyzers under test report more than one.</summary>
    public BastionTest WithDefaultId(string id)
    {
        defaultId = id;
        return this;
    }

    /// <summary>Apply the code action with this equivalence key (default: the first one registered, as dotnet format does).</summary>
    public BastionTest WithEquivalenceKey(string key)
    {
        equivalenceKey = key;
        return this;
    }

    /// <summary>Defines preprocessor symbols (<c>DEBUG</c>), as a build configuration does.</summary>
    public BastionTest WithPreprocessorSymbols(params string[] symbols)
    {
        preprocessorSymbols = symbols;
        return this;
    }

    /// <summary>Compiles the project as a console application (for top-level statements).</summary>
    public BastionTest AsExecutable()
    {
        outputKind = OutputKind.ConsoleApplication;
        return this;
    }

    public BastionTest WithLanguageVersion(LanguageVersion version)
    {
        languageVersion = version;
        return this;
    }

    /// <summary>For tests of broken code: compiler errors in the source do not fail the test.</summary>
    public BastionTest AllowCompilerErrors()
    {
        allowCompilerErrors = true;
        return this;
    }

    /// <summary>Expects a diagnostic without a source location (reported for the whole compilation), which markup
    /// cannot show, whose message contains <paramref name="messagePart"/>. Unexpected ones fail the test like any other.</summary>
    public BastionTest WithCompilationDiagnostic(string id, string messagePart)
    {
        compilationDiagnostics.Add((id, messagePart));
        return this;
    }

    /// <summary>For robustness tests on arbitrary (often broken) code: whatever the analyzers report is accepted;
    /// the test fails only if one throws, on the source or on any of its cuts.</summary>
    public BastionTest OnlyCheckForExceptions()
    {
        onlyCheckForExceptions = true;
        return this;
    }

    /// <summary>For a fix checked in many contexts: no expected text, but the fix must be offered, must remove the
    /// diagnostics it fixes, and every step must compile (one by one, and Fix All in every scope, equal to it).</summary>
    public BastionTest ExpectingACompilingFix()
    {
        anyCompilingFix = true;
        return this;
    }

    /// <summary>An extra check on the diagnostics reported for the source (messages, properties).</summary>
    public BastionTest WithAssertion(Action<ImmutableArray<Diagnostic>> assertion)
    {
        assertions.Add(assertion);
        return this;
    }

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (sources.Count == 0)
        {
            throw new InvalidOperationException("A test needs at least one source.");
        }

        var (project, expected, texts) = BuildProject(sources);
        var run = await RunAnalyzersAsync(project, allowCompilerErrors, "the source", cancellationToken).ConfigureAwait(false);
        if (!onlyCheckForExceptions)
        {
            VerifyDiagnostics(run.Diagnostics, expected, texts, "the source");
        }

        foreach (var assertion in assertions)
        {
            assertion(run.Diagnostics);
        }

        await VerifyRobustnessAsync(project, cancellationToken).ConfigureAwait(false);

        if (DefersInBuilds && !globalConfig.ToString().Contains(DeferOption, StringComparison.Ordinal))
        {
            // A command-line build (and a host that passes no build property, as here) analyses the whole compilation and
            // lets the call-graph search wait for compilation end; an editor binds callees at once. Both must find exactly
            // the same, and neither may throw.
            var (editorProject, _, _) = BuildProject(sources, DeferOption + " = false\n");
            var editorRun = await RunAnalyzersAsync(editorProject, allowCompilerErrors, "the source analysed as an editor does", cancellationToken).ConfigureAwait(false);
            VerifySameDiagnostics(editorRun.Diagnostics, run.Diagnostics);
            await VerifyRobustnessAsync(editorProject, cancellationToken).ConfigureAwait(false);
        }

        if (fixer is not null && (fixedSources.Count > 0 || anyCompilingFix))
        {
            await VerifyFixAsync(project, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The option the package sets in command-line builds (through <c>BastionDeferCallGraphSearch</c>).</summary>
    private const string DeferOption = "bastion.dataflow.defer_call_graph_search";

    /// <summary>Whether an analyzer under test behaves differently in a command-line build: the untrusted-data rules
    /// (every <see cref="Bastion.Analyzers.Dataflow.TaintRuleAnalyzer"/>), and the constant-flow rules (BST1005, BST1006),
    /// which decide calls into other methods at compilation end there.</summary>
    private bool DefersInBuilds => analyzers.Any(a =>
        a is Bastion.Analyzers.Hosting.RuleHost host && host.HostedRules.Any(r => r is Bastion.Analyzers.Dataflow.TaintRuleAnalyzer) ||
        a.SupportedDiagnostics.Any(d => d.Id is Bastion.Analyzers.Infrastructure.RuleIdentifiers.CredentialFlow or Bastion.Analyzers.Infrastructure.RuleIdentifiers.HardcodedCryptoKey));

    /// <summary>The editor and the build must report the same diagnostics, messages, properties and additional
    /// locations.</summary>
    private static void VerifySameDiagnostics(ImmutableArray<Diagnostic> editor, ImmutableArray<Diagnostic> build)
    {
        static string Describe(Diagnostic d) =>
            DiagnosticAnnotator.Describe(d) + " | " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + " | " +
            string.Join(", ", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

        static List<string> Locations(Diagnostic d) => d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()).ToList();

        var expected = editor.OrderBy(Describe, StringComparer.Ordinal).ThenBy(d => string.Join(", ", Locations(d)), StringComparer.Ordinal).ToList();
        var actual = build.OrderBy(Describe, StringComparer.Ordinal).ThenBy(d => string.Join(", ", Locations(d)), StringComparer.Ordinal).ToList();
        var same = expected.Count == actual.Count && expected.Zip(actual).All(pair =>
            Describe(pair.First) == Describe(pair.Second) && Locations(pair.First).SequenceEqual(Locations(pair.Second), StringComparer.Ordinal));
        if (!same)
        {
            static string Show(Diagnostic d) => Describe(d) + " | " + string.Join(", ", Locations(d));
            throw new VerificationException(
                "A command-line build (call-graph search deferred to compilation end) reports differently from an editor.\nEditor:\n  " +
                string.Join("\n  ", expected.Select(Show)) + "\nBuild:\n  " + string.Join("\n  ", actual.Select(Show)));
        }
    }

    private (Project Project, ImmutableArray<ExpectedDiagnostic> Expected, Dictionary<string, string> Texts) BuildProject(List<(string Path, string Markup)> csharpSources, string extraGlobalConfig = "")
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var projectInfo = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            filePath: ProjectDirectory + "TestProject.csproj",
            compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(languageVersion, preprocessorSymbols: preprocessorSymbols),
            metadataReferences: (runtimeOnly ? TestReferences.RuntimeOnly : TestReferences.Default).Concat(references.Distinct()));
        var solution = workspace.CurrentSolution.AddProject(projectInfo);
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (path, markup) in csharpSources)
        {
            var (text, spans) = Markup.Parse(markup, path);
            expected.AddRange(spans);
            texts[path] = text;
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
        }

        foreach (var (path, markup) in additionalFiles)
        {
            var (text, spans) = Markup.Parse(markup, path);
            expected.AddRange(spans);
            texts[path] = text;
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
        }

        if (editorConfig.Length > 0)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + editorConfig), filePath: ProjectDirectory + ".editorconfig");
        }

        if (globalConfig.Length > 0 || extraGlobalConfig.Length > 0)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From("is_global = true\n" + globalConfig + extraGlobalConfig), filePath: ProjectDirectory + ".globalconfig");
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("Could not create the test workspace.");
        }

        return (workspace.CurrentSolution.GetProject(projectId)!, expected.ToImmutable(), texts);
    }

    private async Task<AnalysisRun> RunAnalyzersAsync(Project project, bool errorsAllowed, string what, CancellationToken cancellationToken)
    {
        var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        if (!run.AnalyzerExceptions.IsEmpty)
        {
            throw new VerificationException($"An analyzer threw on {what}:\n" + string.Join("\n", run.AnalyzerExceptions));
        }

        if (!errorsAllowed && !run.CompilerErrors.IsEmpty)
        {
            var texts = await GetTextsAsync(project, cancellationToken).ConfigureAwait(false);
            throw new VerificationException(
                $"{Capitalize(what)} does not compile:\n" +
                DiagnosticAnnotator.Annotate(texts, run.CompilerErrors.Select(DiagnosticAnnotator.ToMark)));
        }

        return run;
    }

    private void VerifyDiagnostics(ImmutableArray<Diagnostic> actual, ImmutableArray<ExpectedDiagnostic> expected, IReadOnlyDictionary<string, string> texts, string what)
    {
        var missing = new List<ExpectedDiagnostic>();
        var unmatched = actual.ToList();
        var missingCompilationDiagnostics = new List<string>();
        if (what == "the source")
        {
            foreach (var (id, messagePart) in compilationDiagnostics)
            {
                var match = unmatched.FindIndex(d => d.Id == id && d.Location == Location.None &&
                    d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(messagePart, StringComparison.Ordinal));
                if (match >= 0)
                {
                    unmatched.RemoveAt(match);
                }
                else
                {
                    missingCompilationDiagnostics.Add($"{id} containing '{messagePart}'");
                }
            }
        }

        foreach (var expectation in expected)
        {
            var id = expectation.Id ?? defaultId ?? throw new InvalidOperationException(
                "'[|…|]' needs a default ID: the analyzers report several; use WithDefaultId or '{|ID:…|}'.");
            var match = unmatched.FindIndex(d =>
                d.Id == id && d.Location.SourceSpan == expectation.Span && d.Location.GetLineSpan().Path == expectation.Path);
            if (match >= 0)
            {
                unmatched.RemoveAt(match);
            }
            else
            {
                missing.Add(expectation with { Id = id });
            }
        }

        if (missing.Count == 0 && unmatched.Count == 0 && missingCompilationDiagnostics.Count == 0)
        {
            return;
        }

        var message = new StringBuilder().Append("Diagnostics on ").Append(what).Append(" differ from the markup.\n");
        foreach (var compilationDiagnostic in missingCompilationDiagnostics)
        {
            message.Append("Expected compilation diagnostic not reported: ").Append(compilationDiagnostic).Append('\n');
        }

        if (missing.Count > 0)
        {
            message.Append("Expected but not reported:\n").Append(DiagnosticAnnotator.Annotate(texts, missing.Select(m => new DiagnosticAnnotator.Mark(m.Path, m.Span, m.Id + " (expected)"))));
        }

        if (unmatched.Count > 0)
        {
            message.Append("Reported but not expected:\n");
            foreach (var diagnostic in unmatched)
            {
                message.Append("  ").Append(DiagnosticAnnotator.Describe(diagnostic)).Append('\n');
            }
        }

        message.Append("All reported diagnostics:\n").Append(DiagnosticAnnotator.Annotate(texts, actual.Select(DiagnosticAnnotator.ToMark)));
        throw new VerificationException(message.ToString());
    }

    /// <summary>What an IDE sees while code is typed: every C# document cut at each line end (sampled when long)
    /// and at a few seeded random offsets. No analyzer may throw on any of them.</summary>
    private async Task VerifyRobustnessAsync(Project project, CancellationToken cancellationToken)
    {
        foreach (var document in project.Documents)
        {
            var text = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            foreach (var cut in CutPoints(text))
            {
                var truncated = document.WithText(SourceText.From(text.Substring(0, cut))).Project;
                var run = await AnalyzerRunner.RunAsync(truncated, analyzers, cancellationToken).ConfigureAwait(false);
                if (!run.AnalyzerExceptions.IsEmpty)
                {
                    throw new VerificationException(
                        $"An analyzer threw on {document.FilePath} cut after {cut} characters (what an IDE sees while typing):\n" +
                        text.Substring(0, cut) + "\n---\n" + string.Join("\n", run.AnalyzerExceptions));
                }
            }
        }
    }

    internal static IEnumerable<int> CutPoints(string text)
    {
        var lineEnds = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineEnds.Add(i);
            }
        }

        var step = Math.Max(1, (lineEnds.Count + MaxCutsPerDocument - 1) / MaxCutsPerDocument);
        var cuts = new SortedSet<int>();
        for (var i = 0; i < lineEnds.Count; i += step)
        {
            cuts.Add(lineEnds[i]);
        }

        var random = new Random(StableHash(text));
        for (var i = 0; i < RandomCuts && text.Length > 1; i++)
        {
            cuts.Add(random.Next(1, text.Length));
        }

        cuts.Remove(text.Length);
        return cuts;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash;
        }
    }

    private async Task VerifyFixAsync(Project project, CancellationToken cancellationToken)
    {
        var expectedAfterFix = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        var expectedTexts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, markup) in fixedSources)
        {
            var (text, spans) = Markup.Parse(markup, path);
            expectedTexts[path] = text;
            expectedAfterFix.AddRange(spans);
        }

        var oneByOne = await ApplyOneByOneAsync(project, cancellationToken).ConfigureAwait(false);
        var oneByOneTexts = await GetTextsAsync(oneByOne, cancellationToken).ConfigureAwait(false);
        var afterFix = await RunAnalyzersAsync(oneByOne, allowCompilerErrors, "the fixed source", cancellationToken).ConfigureAwait(false);
        if (anyCompilingFix)
        {
            var before = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            static int Fixable(ImmutableArray<Diagnostic> diagnostics, CodeFixProvider fixer) => diagnostics.Count(d => fixer.FixableDiagnosticIds.Contains(d.Id));
            if (Fixable(afterFix.Diagnostics, fixer!) != 0 || Fixable(before.Diagnostics, fixer!) == 0)
            {
                throw new VerificationException(
                    $"Expected the fix to remove every diagnostic it fixes; {Fixable(before.Diagnostics, fixer!)} before, {Fixable(afterFix.Diagnostics, fixer!)} after:\n" +
                    string.Join("\n", oneByOneTexts.Values));
            }
        }
        else
        {
            CompareTexts(expectedTexts, oneByOneTexts, "Applying the fix one diagnostic at a time");
            VerifyDiagnostics(afterFix.Diagnostics, expectedAfterFix.ToImmutable(), oneByOneTexts, "the fixed source");
        }

        var fixAll = await ApplyFixAllAsync(project, cancellationToken).ConfigureAwait(false);
        if (fixAll is not null)
        {
            var fixAllTexts = await GetTextsAsync(fixAll, cancellationToken).ConfigureAwait(false);
            CompareTexts(oneByOneTexts, fixAllTexts, "Fix All in document scope (compared with one by one)");
        }

        foreach (var scope in new[] { FixAllScope.Project, FixAllScope.Solution })
        {
            if (await ApplyFixAllAsync(project, scope, cancellationToken).ConfigureAwait(false) is { } wide)
            {
                CompareTexts(oneByOneTexts, await GetTextsAsync(wide, cancellationToken).ConfigureAwait(false), $"Fix All in {scope} scope (compared with one by one)");
            }
        }
    }

    /// <summary>One Fix All over the whole project or solution, from the key of the first action offered.</summary>
    private async Task<Project?> ApplyFixAllAsync(Project project, FixAllScope scope, CancellationToken cancellationToken)
    {
        var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        var (first, diagnostic) = await FindActionAsync(project, run.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (first is null || fixer!.GetFixAllProvider() is not { } fixAllProvider || project.GetDocument(diagnostic!.Location.SourceTree) is not { } document)
        {
            return null;
        }

        var context = new FixAllContext(document, fixer, scope, first.EquivalenceKey, fixer.FixableDiagnosticIds, new RunnerDiagnosticProvider(analyzers), cancellationToken);
        var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false)
            ?? throw new VerificationException($"Fix All in {scope} scope for '{first.EquivalenceKey}' returned no action although a fix was offered.");
        var fixedProject = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
        await RunAnalyzersAsync(fixedProject, allowCompilerErrors, $"the code after Fix All in {scope} scope", cancellationToken).ConfigureAwait(false);
        return fixedProject;
    }

    /// <summary>Fixes the first fixable diagnostic, re-analyzes, and repeats. Each step must compile; after as many
    /// steps as there were diagnostics, no further application may change the code (idempotence).</summary>
    private async Task<Project> ApplyOneByOneAsync(Project project, CancellationToken cancellationToken)
    {
        var initial = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        var budget = initial.Diagnostics.Count(d => fixer!.FixableDiagnosticIds.Contains(d.Id));
        for (var step = 0; ; step++)
        {
            var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            var (action, diagnostic) = await FindActionAsync(project, run.Diagnostics, cancellationToken).ConfigureAwait(false);
            if (action is null)
            {
                return project;
            }

            var changed = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
            var before = await GetTextsAsync(project, cancellationToken).ConfigureAwait(false);
            var after = await GetTextsAsync(changed, cancellationToken).ConfigureAwait(false);
            if (SameTexts(before, after))
            {
                throw new VerificationException(
                    $"The fix '{action.Title}' registered for {DiagnosticAnnotator.Describe(diagnostic!)} changes nothing; a fixer must not offer such an action.");
            }

            if (step >= budget)
            {
                throw new VerificationException(
                    $"The fix is not idempotent: after {budget} application(s), '{action.Title}' still changes the code for " +
                    $"{DiagnosticAnnotator.Describe(diagnostic!)}.\nCode before this application:\n" + string.Join("\n", before.Values));
            }

            await RunAnalyzersAsync(changed, allowCompilerErrors, $"the code after fix step {step + 1} ('{action.Title}')", cancellationToken).ConfigureAwait(false);
            project = changed;
        }
    }

    private async Task<(CodeAction? Action, Diagnostic? Diagnostic)> FindActionAsync(Project project, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in diagnostics.Where(d => fixer!.FixableDiagnosticIds.Contains(d.Id)))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken);
            await fixer!.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            var action = equivalenceKey is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
            if (action is not null)
            {
                return (action, diagnostic);
            }
        }

        return (null, null);
    }

    private async Task<Project?> ApplyFixAllAsync(Project project, CancellationToken cancellationToken)
    {
        var fixAllProvider = fixer!.GetFixAllProvider();
        if (fixAllProvider is null)
        {
            return null;
        }

        var diagnosticProvider = new RunnerDiagnosticProvider(analyzers);
        foreach (var documentId in project.DocumentIds)
        {
            var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            var document = project.GetDocument(documentId)!;
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var (first, _) = await FindActionAsync(project, run.Diagnostics.Where(d => d.Location.SourceTree == tree).ToImmutableArray(), cancellationToken).ConfigureAwait(false);
            if (first is null)
            {
                continue;
            }

            var context = new FixAllContext(document, fixer, FixAllScope.Document, first.EquivalenceKey, fixer.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
            var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
            if (action is null)
            {
                throw new VerificationException($"Fix All for '{first.EquivalenceKey}' returned no action although a fix was offered.");
            }

            project = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
            await RunAnalyzersAsync(project, allowCompilerErrors, "the code after Fix All", cancellationToken).ConfigureAwait(false);
        }

        return project;
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var change = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new VerificationException($"The code action '{action.Title}' produced no single ApplyChangesOperation.");
        return change.ChangedSolution.GetProject(project.Id)!;
    }

    private static async Task<Dictionary<string, string>> GetTextsAsync(Project project, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            texts[document.FilePath!] = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        }

        return texts;
    }

    private static void CompareTexts(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string what)
    {
        foreach (var (path, expectedText) in expected)
        {
            actual.TryGetValue(path, out var actualText);
            if (Normalize(expectedText) != Normalize(actualText ?? string.Empty))
            {
                throw new VerificationException($"{what} gave a different {path}.\n--- expected\n{expectedText}\n--- actual\n{actualText}\n--- first difference at line {FirstDifferentLine(expectedText, actualText ?? string.Empty)}");
            }
        }
    }

    private static bool SameTexts(Dictionary<string, string> left, Dictionary<string, string> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var other) && other == pair.Value);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static int FirstDifferentLine(string a, string b)
    {
        var left = Normalize(a).Split('\n');
        var right = Normalize(b).Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            if (i >= left.Length || i >= right.Length || left[i] != right[i])
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private sealed class RunnerDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;

        public RunnerDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) => this.analyzers = analyzers;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var run = await AnalyzerRunner.RunAsync(document.Project, analyzers, cancellationToken).ConfigureAwait(false);
            return run.Diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            return run.Diagnostics.Where(d => d.Location.SourceTree is null);
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var run = await AnalyzerRunner.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            return run.Diagnostics;
        }
    }
}
