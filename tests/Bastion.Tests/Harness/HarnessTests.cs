using System;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Bastion.Tests.Harness;

/// <summary>The harness is what every rule test stands on, so each failure mode it promises to catch is shown
/// here to be caught, with a deliberately broken analyzer or fixer.</summary>
public sealed class HarnessTests
{
    private const string BadSource = """
        class C
        {
            string s = [|"bad"|];
            string t = "fine";
        }
        """;

    [Fact]
    public void Markup_ParsesDefaultAndNamedSpans()
    {
        var (text, expected) = Markup.Parse("a [|b {|TST0002:c|}|] d", "/0/x.cs");

        Assert.Equal("a b c d", text);
        Assert.Equal(2, expected.Length);
        Assert.Contains(expected, e => e.Id == "TST0002" && e.Span == new TextSpan(4, 1));
        Assert.Contains(expected, e => e.Id is null && e.Span == new TextSpan(2, 3));
    }

    [Fact]
    public void Markup_LeavesBracesThatAreNotMarkupAlone()
    {
        var (text, expected) = Markup.Parse("var x = new[] { 1 }; var y = $\"{z}\"; var d = new { A = 1 };", "/0/x.cs");

        Assert.Equal("var x = new[] { 1 }; var y = $\"{z}\"; var d = new { A = 1 };", text);
        Assert.Empty(expected);
    }

    [Theory]
    [InlineData("[|a")]
    [InlineData("a|]")]
    [InlineData("[|a|}")]
    public void Markup_RejectsUnbalancedSpans(string markup) =>
        Assert.Throws<FormatException>(() => Markup.Parse(markup, "/0/x.cs"));

    [Fact]
    public Task MatchingDiagnostics_Pass() => AnalyzerVerifier<BadLiteralAnalyzer>.VerifyAsync(BadSource);

    [Fact]
    public async Task MissingDiagnostic_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<BadLiteralAnalyzer>.VerifyAsync("class C { string s = [|\"fine\"|]; }"));

        Assert.Contains("Expected but not reported", failure.Message, StringComparison.Ordinal);
        Assert.Contains("TST0001 (expected)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedDiagnostic_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<BadLiteralAnalyzer>.VerifyAsync("class C { string s = \"bad\"; }"));

        Assert.Contains("Reported but not expected", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/0/Test0.cs(1,22): TST0001: The literal is bad", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureOutput_AnnotatesTheSourceUnderTheSpan()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<BadLiteralAnalyzer>.VerifyAsync("class C\n{\n    string s = \"bad\";\n}\n"));

        var lines = failure.Message.Split('\n');
        var sourceLine = Array.FindIndex(lines, l => l.EndsWith("string s = \"bad\";", StringComparison.Ordinal));
        Assert.True(sourceLine >= 0, failure.Message);
        Assert.Equal("     |                ^^^^^ TST0001: The literal is bad", lines[sourceLine + 1]);
    }

    [Fact]
    public async Task AnalyzerException_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("class C { }"));

        Assert.Contains("An analyzer threw", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzerExceptionOnHalfTypedCode_FailsThroughTheRobustnessRun()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<ThrowsOnIncompleteCodeAnalyzer>.VerifyAsync("class C\n{\n    void M() { }\n}\n"));

        Assert.Contains("cut after", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot handle half-typed code", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CutPoints_IncludeEveryLineEnd()
    {
        var text = "a\nbb\nccc\n";
        var cuts = BastionTest.CutPoints(text).ToList();

        Assert.Contains(1, cuts);
        Assert.Contains(4, cuts);
        Assert.Contains(8, cuts);
        Assert.All(cuts, c => Assert.InRange(c, 1, text.Length - 1));
        Assert.Equal(cuts, BastionTest.CutPoints(text).ToList());
    }

    [Fact]
    public async Task SourceThatDoesNotCompile_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<BadLiteralAnalyzer>.VerifyAsync("class C { int x = [|\"bad\"|]; }"));

        Assert.Contains("does not compile", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CS0029", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task SourceThatDoesNotCompile_PassesWhenErrorsAreAllowed() =>
        AnalyzerVerifier<BadLiteralAnalyzer>.Test("class C { int x = [|\"bad\"|]; }").AllowCompilerErrors().RunAsync();

    [Fact]
    public Task EditorConfigOption_ReachesTheAnalyzer() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.Test("class [|C|] { }")
            .WithEditorConfig("bastion.TST0002.report_classes = true")
            .RunAsync();

    [Fact]
    public Task SharedOptionKey_IsTheFallback() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.Test("class [|C|] { }")
            .WithEditorConfig("bastion.report_classes = true")
            .RunAsync();

    [Fact]
    public Task RuleOptionKey_WinsOverTheSharedKey() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.Test("class C { }")
            .WithEditorConfig("bastion.report_classes = true\nbastion.TST0002.report_classes = false")
            .RunAsync();

    [Fact]
    public Task WithoutTheOption_NothingIsReported() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.VerifyAsync("class C { }");

    [Fact]
    public Task GlobalConfig_BuildPropertyReachesTheAnalyzer() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.Test("class [|C|] { }")
            .WithGlobalConfig("build_property.IsTestProject = true\nbastion.report_classes = true")
            .WithAssertion(d => Assert.Equal("Class reported, project kind Test", d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task EditorConfigSeverityNone_SilencesTheRule() =>
        AnalyzerVerifier<BadLiteralAnalyzer>.Test("class C { string s = \"bad\"; }")
            .WithEditorConfig("dotnet_diagnostic.TST0001.severity = none")
            .RunAsync();

    [Fact]
    public Task AdditionalFileDiagnostics_AreMatchedByMarkup() =>
        AnalyzerVerifier<AdditionalFileAnalyzer>.Test("class C { }")
            .WithAdditionalFile("appsettings.json", "{\n  \"Password\": \"[|secret|]\"\n}\n")
            .RunAsync();

    [Fact]
    public async Task AdditionalFileDiagnostic_MissingIsReported()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<AdditionalFileAnalyzer>.Test("class C { }")
                .WithAdditionalFile("appsettings.json", "{ \"Password\": \"secret\" }")
                .RunAsync());

        Assert.Contains("/0/appsettings.json(1,16): TST0003", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompilationDiagnostic_ExpectedButNotReported_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<BadLiteralAnalyzer>.Test("class C { }").WithCompilationDiagnostic("TST0001", "anything").RunAsync());

        Assert.Contains("Expected compilation diagnostic not reported: TST0001", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task CorrectFix_Passes() =>
        CodeFixVerifier<BadLiteralAnalyzer, GoodFix>.VerifyFixAsync(
            "class C { string s = [|\"bad\"|]; string t = [|\"bad\"|]; }",
            "class C { string s = \"good\"; string t = \"good\"; }");

    [Fact]
    public async Task FixedSourceThatDiffers_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<BadLiteralAnalyzer, GoodFix>.VerifyFixAsync(
                "class C { string s = [|\"bad\"|]; }",
                "class C { string s = \"better\"; }"));

        Assert.Contains("one diagnostic at a time", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixThatDoesNotCompile_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<BadLiteralAnalyzer, NonCompilingFix>.VerifyFixAsync(
                "class C { string s = [|\"bad\"|]; }",
                "class C { string s = undefinedName; }"));

        Assert.Contains("after fix step 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not compile", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixThatIsNotIdempotent_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<BadLiteralAnalyzer, NonIdempotentFix>.VerifyFixAsync(
                "class C { string s = [|\"bad\"|]; }",
                "class C { string s = \"bad\"/*again*/; }"));

        Assert.Contains("not idempotent", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixThatChangesNothing_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<BadLiteralAnalyzer, NoOpFix>.VerifyFixAsync(
                "class C { string s = [|\"bad\"|]; }",
                "class C { string s = \"bad\"; }"));

        Assert.Contains("changes nothing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAllThatDiffersFromOneByOne_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<BadLiteralAnalyzer, InconsistentFixAllFix>.VerifyFixAsync(
                "class C { string s = [|\"bad\"|]; }",
                "class C { string s = \"good\"; }"));

        Assert.Contains("Fix All", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"other\"", failure.Message, StringComparison.Ordinal);
    }
}
