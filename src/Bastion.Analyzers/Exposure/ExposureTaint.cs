using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Exposure;

/// <summary>What the exposure rules share: their taint engines (one per compilation and rule, each with its own sources
/// and sinks), the option to run in test projects, and the diagnostic properties of a dataflow finding.</summary>
internal static class ExposureTaint
{
    internal const string ReportInTestProjectsOption = "report_in_test_projects";

    /// <summary>Property of every exposure diagnostic: the span of the expression a fix replaces (start and length).</summary>
    internal const string ReplaceSpanProperty = "ReplaceSpan";

    private static readonly ConditionalWeakTable<Compilation, Holder> Engines = new();

    private sealed class Holder
    {
        private readonly Compilation compilation;
        private readonly AnalyzerOptions options;
        private TaintEngine? logs;
        private TaintEngine? responses;
        private TaintSources? endpoints;
        private ExceptionSources? exceptionDetails;
        private ResponseSinks? responseSinks;

        public Holder(Compilation compilation, AnalyzerOptions options)
        {
            this.compilation = compilation;
            this.options = options;
        }

        public ConcurrentDictionary<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan, string), bool> Reported { get; } = new();

        public TaintEngine Logs => LazyInitializer.EnsureInitialized(ref logs, () => Create(new SensitiveSources(new DataAccessTypes(compilation)), new LogSinks()))!;

        public TaintSources Endpoints => LazyInitializer.EnsureInitialized(ref endpoints, () => TaintSources.Create(compilation))!;

        public ExceptionSources ExceptionDetails => LazyInitializer.EnsureInitialized(ref exceptionDetails, () => new ExceptionSources(compilation))!;

        public ResponseSinks ResponseSinks => LazyInitializer.EnsureInitialized(ref responseSinks, () => new ResponseSinks(compilation, ResponseSinks.ConsoleIsUserFacing(compilation)))!;

        public TaintEngine Responses => LazyInitializer.EnsureInitialized(ref responses, () => Create(ExceptionDetails, ResponseSinks))!;

        private TaintEngine Create(ITaintSourceCatalog sources, ITaintSinkCatalog sinks)
        {
            var limits = TaintLimits.FromOptions(options.AnalyzerConfigOptionsProvider.GlobalOptions);
            return new TaintEngine(compilation, sinks, sources, new TaintValidation(ImmutableArray<string>.Empty), limits);
        }
    }

    /// <summary>Whether the rule runs in this compilation: not in test projects unless <c>report_in_test_projects</c>.</summary>
    public static bool RunsIn(Compilation compilation, AnalyzerOptions options, string ruleId)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        return !ProjectClassifier.Classify(compilation, global).IsTest || new RuleOptions(global, ruleId).GetBool(ReportInTestProjectsOption, false);
    }

    public static TaintEngine LogEngine(Compilation compilation, AnalyzerOptions options) => HolderFor(compilation, options).Logs;

    public static TaintEngine ResponseEngine(Compilation compilation, AnalyzerOptions options) => HolderFor(compilation, options).Responses;

    /// <summary>BST4002's source and sink tables of this compilation: the ones its engine reads, for the rule's own
    /// look at each operation.</summary>
    public static (ExceptionSources Sources, ResponseSinks Sinks) ResponseCatalogs(Compilation compilation, AnalyzerOptions options)
    {
        var holder = HolderFor(compilation, options);
        return (holder.ExceptionDetails, holder.ResponseSinks);
    }

    /// <summary>What counts as a controller action or a minimal-API handler: the taint sources' own definition.</summary>
    public static TaintSources Endpoints(Compilation compilation, AnalyzerOptions options) => HolderFor(compilation, options).Endpoints;

    /// <summary>Reports once per place and rule, however many operations lead to it.</summary>
    public static bool FirstReport(Compilation compilation, AnalyzerOptions options, Location location, string ruleId) =>
        location.SourceTree is { } tree && HolderFor(compilation, options).Reported.TryAdd((tree, location.SourceSpan, ruleId), true);

    public static ImmutableDictionary<string, string?> ReplaceProperties(SyntaxNode? replace) =>
        replace is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(ReplaceSpanProperty, replace.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + replace.Span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Holder HolderFor(Compilation compilation, AnalyzerOptions options) => Engines.GetValue(compilation, c => new Holder(c, options));
}
