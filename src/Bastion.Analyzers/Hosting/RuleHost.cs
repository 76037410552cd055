using System;
using System.Collections.Immutable;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Hosting;

/// <summary>One <see cref="DiagnosticAnalyzer"/> that runs several Bastion rules. The compiler's driver spends about as
/// much per analyzer as Bastion's rules spend working (docs/performance.md, "The driver's cost per analyzer"), so the
/// package ships its rules in one host rather than one analyzer each (docs/architecture.md, "One analyzer for all
/// rules").
/// <para>What the host keeps of one-analyzer-per-rule:</para>
/// <list type="bullet">
/// <item>A rule switched off costs nothing: at compilation start the host asks, for each rule, whether any of its
/// diagnostics can be reported in this compilation (<see cref="RuleSeverity"/>) and initializes only those rules. The
/// driver could not do this for Bastion's analyzers: each also supports BST0001, which is on, so it never skipped one.</item>
/// <item>A failure names its rule: each rule registers through its own guarded context.</item>
/// <item>Each rule can still run alone, as a <see cref="DiagnosticAnalyzer"/> (the benchmark's per-rule set).</item>
/// </list>
/// <para>The rules' operation actions are dispatched by the host, one driver callback per operation for all of them
/// (<see cref="OperationActionTable"/>): the driver's cost is per callback as well as per analyzer.</para></summary>
public abstract class RuleHost : DiagnosticAnalyzer
{
    private readonly ImmutableArray<BastionAnalyzer> rules;
    private readonly ImmutableArray<DiagnosticDescriptor> supported;

    private protected RuleHost(ImmutableArray<BastionAnalyzer> rules)
    {
        this.rules = rules;
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        builder.Add(BastionAnalyzer.InternalError);
        foreach (var rule in rules)
        {
            foreach (var descriptor in rule.RuleDescriptors)
            {
                if (!builder.Contains(descriptor))
                {
                    builder.Add(descriptor);
                }
            }
        }

        supported = builder.ToImmutable();
    }

    /// <summary>The rules this host runs, in the order they are initialized.</summary>
    internal ImmutableArray<BastionAnalyzer> HostedRules => rules;

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => supported;

    /// <summary>A host for the given rules (tests, the benchmark's per-family set); the package's host is
    /// <see cref="BastionRulesAnalyzer"/>.</summary>
    internal static RuleHost Of(params BastionAnalyzer[] rules) => new CustomRuleHost(ImmutableArray.Create(rules));

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        var hosted = rules;
        context.RegisterCompilationStartAction(driverStart =>
        {
            // The rules' operation actions become one driver callback per operation (OperationActionTable).
            var start = new OperationActionTable(driverStart);
            foreach (var rule in hosted)
            {
                // A failure while deciding counts as "on": a rule run needlessly costs time, one skipped wrongly costs findings.
                bool enabled;
                try
                {
                    enabled = RuleSeverity.MayReport(rule.RuleDescriptors, start.Compilation, start.Options, start.CancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    enabled = true;
                }

                if (enabled)
                {
                    rule.InitializeFor(start);
                }
            }

            start.Register();
        });
    }

    /// <summary>Not a shipped analyzer: a host built for tests and the benchmark.</summary>
    private sealed class CustomRuleHost : RuleHost
    {
        public CustomRuleHost(ImmutableArray<BastionAnalyzer> rules)
            : base(rules)
        {
        }
    }
}
