using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Configuration;

/// <summary>What the three configuration-integrity analyzers share: one taint engine per compilation (so the three
/// rules cost one analysis), the options, and how a finding becomes a diagnostic.</summary>
internal static class ConfigurationTaint
{
    internal const string ValidatorsOption = "validators";
    internal const string ReportInTestProjectsOption = "report_in_test_projects";

    /// <summary>Property names of a diagnostic: how the source and the sink are described (never a value).</summary>
    internal const string SourceProperty = "Source";
    internal const string SinkProperty = "Sink";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ValidatorsOption, ReportInTestProjectsOption);

    private static readonly string[] FamilyRules =
    {
        RuleIdentifiers.UntrustedConnectionString, RuleIdentifiers.UntrustedConfigurationWrite, RuleIdentifiers.UntrustedSystemSetting,
    };

    private static readonly ConditionalWeakTable<Compilation, EngineHolder> Engines = new();

    private sealed class EngineHolder
    {
        public EngineHolder(TaintEngine? engine) => Engine = engine;

        public TaintEngine? Engine { get; }

        public ConcurrentDictionary<TaintFinding, bool> Reported { get; } = new();
    }

    /// <summary>Operations whose pre-check needed a method the driver had not visited yet, kept for compilation end by
    /// their syntax and called method (not the operation: that would keep every bound body of the build alive).</summary>
    private sealed class Deferred
    {
        private readonly ConcurrentQueue<Pending> operations = new();

        public void Add(Pending pending) => operations.Enqueue(pending);

        public IEnumerable<Pending> TakeAll()
        {
            while (operations.TryDequeue(out var pending))
            {
                yield return pending;
            }
        }
    }

    private readonly struct Pending
    {
        public Pending(IOperation operation, ISymbol containingSymbol, IMethodSymbol target)
        {
            Syntax = operation.Syntax;
            Kind = operation.Kind;
            ContainingSymbol = containingSymbol;
            Target = target;
        }

        public SyntaxNode Syntax { get; }

        public OperationKind Kind { get; }

        public ISymbol ContainingSymbol { get; }

        public IMethodSymbol Target { get; }

        /// <summary>The operation again, from the semantic model (the driver's, or a new one if it has let it go).</summary>
        public IOperation? Find(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var model = MethodBodies.ModelFor(compilation, Syntax.SyntaxTree);
            IOperation? found = null;
            for (var node = Syntax; node is not null && found is null; node = node.Parent)
            {
                found = model.GetOperation(node, cancellationToken);
            }

            while (found?.Parent is { } parent)
            {
                found = parent;
            }

            if (found is null)
            {
                return null;
            }

            foreach (var operation in found.DescendantsAndSelf())
            {
                if (operation.Syntax == Syntax && operation.Kind == Kind)
                {
                    return operation;
                }
            }

            return null;
        }
    }

    public static void Register(CompilationStartAnalysisContext start, DiagnosticDescriptor rule)
    {
        var globalOptions = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (ProjectClassifier.Classify(start.Compilation, globalOptions).IsTest &&
            !new RuleOptions(globalOptions, rule.Id).GetBool(ReportInTestProjectsOption, false))
        {
            return;
        }

        var options = start.Options;
        var holder = Engines.GetValue(start.Compilation, compilation => new EngineHolder(CreateEngine(compilation, options)));
        if (holder.Engine is not { } engine)
        {
            return;
        }

        if (!TaintLimits.DefersCallGraphSearch(globalOptions))
        {
            start.RegisterOperationAction(
                context =>
                {
                    if (engine.MayReachSink(context.Operation, context.CancellationToken))
                    {
                        Report(engine, context.Operation, context.ContainingSymbol, holder.Reported, rule, context.ReportDiagnostic, context.CancellationToken);
                    }
                },
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
            return;
        }

        // The whole compilation is analysed (a command-line build): every body will be visited by the driver, so a
        // pre-check that needs a method not visited yet waits for compilation end instead of binding it first.
        var deferred = new Deferred();
        start.RegisterOperationBlockAction(context => engine.RecordVisit(context.OwningSymbol, context.CancellationToken));
        start.RegisterOperationAction(
            context =>
            {
                switch (engine.MayReachSinkFromVisited(context.Operation, out var pending, context.CancellationToken))
                {
                    case true:
                        Report(engine, context.Operation, context.ContainingSymbol, holder.Reported, rule, context.ReportDiagnostic, context.CancellationToken);
                        break;
                    case null:
                        deferred.Add(new Pending(context.Operation, context.ContainingSymbol, pending!));
                        break;
                }
            },
            OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        start.RegisterCompilationEndAction(context =>
        {
            foreach (var pending in deferred.TakeAll())
            {
                if (engine.ReachesSinkThrough(pending.Target, context.CancellationToken) && pending.Find(context.Compilation, context.CancellationToken) is { } operation)
                {
                    Report(engine, operation, pending.ContainingSymbol, holder.Reported, rule, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        });
    }

    private static TaintEngine? CreateEngine(Compilation compilation, AnalyzerOptions options)
    {
        var sinks = ConfigurationSinks.Create(compilation);
        if (sinks is null)
        {
            return null;
        }

        var provider = options.AnalyzerConfigOptionsProvider;
        var limits = TaintLimits.FromOptions(provider.GlobalOptions);
        return new TaintEngine(compilation, sinks, TaintSources.Create(compilation), new TaintValidation(Validators(compilation, provider)), limits);
    }

    /// <summary>Validators named for any rule of the family, in <c>.globalconfig</c> or any <c>.editorconfig</c> section
    /// that applies to a file of the compilation: the engine is shared, so a validator clears taint for the family.</summary>
    private static ImmutableArray<string> Validators(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        void AddFrom(AnalyzerConfigOptions options)
        {
            foreach (var ruleId in FamilyRules)
            {
                foreach (var name in new RuleOptions(options, ruleId).GetList(ValidatorsOption))
                {
                    names.Add(name);
                }
            }
        }

        AddFrom(provider.GlobalOptions);
        foreach (var tree in compilation.SyntaxTrees)
        {
            AddFrom(provider.GetOptions(tree));
        }

        return names.ToImmutableArray();
    }

    private static void Report(
        TaintEngine engine, IOperation operation, ISymbol containingSymbol, ConcurrentDictionary<TaintFinding, bool> reported, DiagnosticDescriptor rule,
        System.Action<Diagnostic> reportDiagnostic, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var finding in engine.FindingsAt(operation, containingSymbol, cancellationToken))
        {
            if (finding.Sink.RuleId != rule.Id || !reported.TryAdd(finding, true))
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
