using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Dataflow;

/// <summary>An untrusted-data family: its rules, its sinks (for the rules switched on in a compilation) and its
/// sanitizers. Every family's rules share one taint engine per compilation, made with the sinks and sanitizers of the
/// families whose rules are on: one walk of each body serves every sink kind of every family (the configuration rules and
/// the injection rules alike), and the options <c>validators</c> and <c>report_in_test_projects</c> read the same way for
/// all. Each rule registers with its descriptor and reports the findings of its ID.</summary>
internal sealed class TaintFamily
{
    internal const string ValidatorsOption = "validators";
    internal const string ReportInTestProjectsOption = "report_in_test_projects";

    /// <summary>Property names of a diagnostic: how the source and the sink are described (never a value).</summary>
    internal const string SourceProperty = "Source";
    internal const string SinkProperty = "Sink";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ValidatorsOption, ReportInTestProjectsOption);

    private static readonly ConditionalWeakTable<Compilation, EngineHolder> Engines = new();
    private static readonly ConditionalWeakTable<object, Scope> Scopes = new();

    private readonly string[] ruleIds;
    private readonly Func<Compilation, ICollection<string>, ITaintSinkCatalog?> sinks;
    private readonly ImmutableArray<SanitizerEntry> sanitizers;

    /// <summary>The rules initialized on one compilation-start context (one host, or one analyzer running a rule alone),
    /// of every family: they share one operation-block action, which reports each finding under its rule. The driver's
    /// cost is per callback, so seventeen rules must not mean seventeen actions per body.</summary>
    private sealed class Scope
    {
        private int registered;

        public ConcurrentDictionary<string, DiagnosticDescriptor> Rules { get; } = new(StringComparer.Ordinal);

        /// <summary>True for the first rule only: it registers the actions for all.</summary>
        public bool Claim() => System.Threading.Interlocked.Exchange(ref registered, 1) == 0;
    }

    /// <param name="sinks">The family's sinks for its rules switched on in a compilation (a rule switched off costs nothing).</param>
    /// <param name="sanitizers">What makes a value safe for the family's sink kinds (and bool validators of them).</param>
    public TaintFamily(string[] ruleIds, Func<Compilation, ICollection<string>, ITaintSinkCatalog?> sinks, ImmutableArray<SanitizerEntry> sanitizers)
    {
        this.ruleIds = ruleIds;
        this.sinks = sinks;
        this.sanitizers = sanitizers;
    }

    /// <summary>The families' state in one compilation. Rules register at compilation start; the engine is made at the
    /// first body analysed, when every rule switched on has registered, with the sinks of those rules only.</summary>
    private sealed class EngineHolder
    {
        private readonly Lazy<TaintEngine?> engine;

        public EngineHolder(Func<IReadOnlyDictionary<string, TaintFamily>, TaintEngine?> create) =>
            engine = new Lazy<TaintEngine?>(() => create(Rules), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The rules switched on, and the family of each.</summary>
        public ConcurrentDictionary<string, TaintFamily> Rules { get; } = new(StringComparer.Ordinal);

        public TaintEngine? Engine => engine.Value;

        public ConcurrentDictionary<TaintFinding, bool> Reported { get; } = new();
    }

    public void Register(CompilationStartAnalysisContext start, DiagnosticDescriptor rule)
    {
        var globalOptions = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (ProjectClassifier.Classify(start.Compilation, globalOptions).IsTest &&
            !new RuleOptions(globalOptions, rule.Id).GetBool(ReportInTestProjectsOption, false))
        {
            return;
        }

        var options = start.Options;
        var holder = Engines.GetValue(start.Compilation, compilation => new EngineHolder(rules => CreateEngine(compilation, options, rules)));
        holder.Rules.TryAdd(rule.Id, this);
        var scope = Scopes.GetValue(start is GuardedCompilationStartContext guarded ? guarded.Inner : start, static _ => new Scope());
        scope.Rules.TryAdd(rule.Id, rule);
        if (!scope.Claim())
        {
            return;
        }

        // One walk per body serves the family's rules (TaintEngine.Visit). In a command-line build the whole compilation
        // is analysed and every body will be visited by the driver, so the pre-check answers from what the visits
        // recorded, and what needs a method not visited yet waits for compilation end instead of binding it first. An
        // editor analyses one document and runs no compilation-end action: there the search binds what it needs.
        var defer = TaintLimits.DefersCallGraphSearch(globalOptions);
        start.RegisterOperationBlockAction(context =>
        {
            if (holder.Engine is not { } engine)
            {
                return;
            }

            foreach (var operation in engine.Visit(context.OwningSymbol, context.OperationBlocks, bindCallees: !defer, context.CancellationToken))
            {
                Report(engine, operation, context.OwningSymbol, holder.Reported, scope.Rules, context.ReportDiagnostic, context.CancellationToken);
            }
        });
        if (!defer)
        {
            return;
        }

        start.RegisterCompilationEndAction(context =>
        {
            if (holder.Engine is not { } engine)
            {
                return;
            }

            if (!engine.SawSource)
            {
                return;
            }

            foreach (var pending in engine.Pending)
            {
                if ((pending.Target is null || engine.ReachesSinkThrough(pending.Target, context.CancellationToken)) &&
                    pending.Find(context.Compilation, context.CancellationToken) is { } operation)
                {
                    Report(engine, operation, pending.ContainingSymbol, holder.Reported, scope.Rules, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        });
    }

    /// <summary>One engine for the rules switched on, of every family: the families' sinks side by side, their
    /// sanitizers in one table (each clears only its own sink kinds).</summary>
    private static TaintEngine? CreateEngine(Compilation compilation, AnalyzerOptions options, IReadOnlyDictionary<string, TaintFamily> rules)
    {
        var byFamily = new Dictionary<TaintFamily, List<string>>();
        foreach (var pair in rules)
        {
            if (!byFamily.TryGetValue(pair.Value, out var on))
            {
                byFamily[pair.Value] = on = new List<string>();
            }

            on.Add(pair.Key);
        }

        var catalogs = new List<ITaintSinkCatalog>();
        var sanitizers = ImmutableArray.CreateBuilder<SanitizerEntry>();
        foreach (var pair in byFamily)
        {
            if (pair.Key.sinks(compilation, pair.Value) is { } catalog)
            {
                catalogs.Add(catalog);
                sanitizers.AddRange(pair.Key.sanitizers);
            }
        }

        if (catalogs.Count == 0)
        {
            return null;
        }

        var provider = options.AnalyzerConfigOptionsProvider;
        var limits = TaintLimits.FromOptions(provider.GlobalOptions);
        var table = sanitizers.Count == 0 ? null : new SanitizerTable(compilation, sanitizers.ToImmutable());
        var validation = new TaintValidation(Validators(compilation, provider, byFamily.Keys), table);
        var sinks = catalogs.Count == 1 ? catalogs[0] : new CompositeSinkCatalog(catalogs);
        return new TaintEngine(compilation, sinks, TaintSources.Create(compilation, TaintSources.CommandLineIsUntrusted(provider.GlobalOptions)), validation, limits);
    }

    /// <summary>Validators named for any rule of the families, in <c>.globalconfig</c> or any <c>.editorconfig</c> section
    /// that applies to a file of the compilation: the engine is shared, so a validator clears taint for all of them.</summary>
    private static ImmutableArray<string> Validators(Compilation compilation, AnalyzerConfigOptionsProvider provider, IEnumerable<TaintFamily> families)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void AddFrom(AnalyzerConfigOptions options)
        {
            foreach (var family in families)
            {
                foreach (var ruleId in family.ruleIds)
                {
                    foreach (var name in new RuleOptions(options, ruleId).GetList(ValidatorsOption))
                    {
                        names.Add(name);
                    }
                }
            }
        }

        // Trees under the same sections share their options object: each is read once.
        var seen = new HashSet<object>(ReferenceComparer.Instance) { provider.GlobalOptions };
        AddFrom(provider.GlobalOptions);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var options = provider.GetOptions(tree);
            if (seen.Add(options))
            {
                AddFrom(options);
            }
        }

        return names.ToImmutableArray();
    }

    private static void Report(
        TaintEngine engine, IOperation operation, ISymbol containingSymbol, ConcurrentDictionary<TaintFinding, bool> reported,
        ConcurrentDictionary<string, DiagnosticDescriptor> rules, Action<Diagnostic> reportDiagnostic, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var finding in engine.FindingsAt(operation, containingSymbol, cancellationToken))
        {
            if (!rules.TryGetValue(finding.Sink.RuleId, out var rule) || !reported.TryAdd(finding, true))
            {
                continue;
            }

            var additional = ImmutableArray.CreateBuilder<Location>();
            if (finding.Source.Syntax is { } source)
            {
                additional.Add(source.GetLocation());
            }

            var sinkSyntax = finding.Sink.Value.Syntax;
            if (sinkSyntax != finding.ReportAt)
            {
                additional.Add(sinkSyntax.GetLocation());
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SourceProperty, finding.Source.Description)
                .Add(SinkProperty, finding.Sink.Description);
            var via = finding.Via is null ? string.Empty : " through '" + finding.Via + "'";
            reportDiagnostic(Diagnostic.Create(rule, finding.ReportAt.GetLocation(), additional.ToImmutable(), properties, finding.Source.Description, finding.Sink.Description, via));
        }
    }
}
