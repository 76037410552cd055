using System.Collections.Immutable;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Tests.Infrastructure;

/// <summary>Entry point for analyzer tests: <c>AnalyzerVerifier&lt;T&gt;.VerifyAsync(markup)</c>, or
/// <c>Test(markup)</c> for a fluent test with options, more files or references.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static BastionTest Test(string markup) =>
        new BastionTest(ImmutableArray.Create(Hosted.AsShipped(new TAnalyzer())), fixer: null).WithSource(markup);

    public static Task VerifyAsync(string markup) => Test(markup).RunAsync();
}

/// <summary>Entry point for code-fix tests: the source's diagnostics, the fixed source, and every fix guarantee.</summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static BastionTest Test(string markup, string fixedMarkup) =>
        new BastionTest(ImmutableArray.Create(Hosted.AsShipped(new TAnalyzer())), new TCodeFix()).WithSource(markup).WithFixedSource(fixedMarkup);

    public static Task VerifyFixAsync(string markup, string fixedMarkup) => Test(markup, fixedMarkup).RunAsync();

    /// <summary>A fix checked for what it must do anywhere (be offered, remove the diagnostics, compile), not for its text.</summary>
    public static BastionTest TestCompilingFix(string markup) =>
        new BastionTest(ImmutableArray.Create(Hosted.AsShipped(new TAnalyzer())), new TCodeFix()).WithSource(markup).ExpectingACompilingFix();
}

/// <summary>A Bastion rule runs in tests as it ships: inside a <see cref="RuleHost"/>, which decides per compilation
/// whether to initialize it. Other analyzers (the harness's own test analyzers) run as they are.</summary>
public static class Hosted
{
    public static DiagnosticAnalyzer AsShipped(DiagnosticAnalyzer analyzer) =>
        analyzer is BastionAnalyzer rule ? RuleHost.Of(rule) : analyzer;
}
