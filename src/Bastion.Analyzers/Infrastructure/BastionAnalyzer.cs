using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The base of every Bastion analyzer: every action it registers runs inside a guard. An exception that escapes
/// an analyzer becomes the compiler's AD0001, whose message quotes the syntax being analysed — a secret literal in that
/// syntax would be printed in the build log. The guard catches it instead and reports BST0001 ("Bastion failed here"),
/// which names the analyzer and the exception type only. Cancellation passes through.
/// <para>A rule ships inside a <see cref="Hosting.RuleHost"/> (<see cref="Hosting.BastionRulesAnalyzer"/> or
/// <see cref="Hosting.BastionCompilationEndRulesAnalyzer"/>), which initializes it once per compilation where it is switched on
/// (<see cref="InitializeFor"/>); it can also run alone, as the analyzer it is (tests, the benchmark's
/// per-rule set).</para></summary>
public abstract class BastionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The tag of BST0001: it is about Bastion, not the code, and stays out of rule lists.</summary>
    public const string InternalTag = "bastion-internal";

    internal static readonly DiagnosticDescriptor InternalError = DiagnosticDescriptorFactory.CreateToolDiagnostic(
        RuleIdentifiers.AnalyzerFailure,
        title: "Bastion analyzer failed",
        messageFormat: "Bastion's {0} failed on this code ({1}); its findings here may be incomplete. Please report it, with the code if you can share it.",
        description: "An analyzer of Bastion threw an exception. Bastion catches it rather than letting the compiler report " +
            "AD0001, whose message quotes the code being analysed (and so could print a secret into the build log). " +
            "The message names the analyzer and the exception type, nothing else.",
        InternalTag);

    private ImmutableArray<DiagnosticDescriptor> supported;
    private ImmutableArray<DiagnosticDescriptor> rules;

    /// <summary>The rules of this analyzer; BST0001 is added to them.</summary>
    protected abstract ImmutableArray<DiagnosticDescriptor> Rules { get; }

    /// <summary>The rules of this analyzer, without BST0001; computed once.</summary>
    internal ImmutableArray<DiagnosticDescriptor> RuleDescriptors
    {
        get
        {
            if (rules.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref rules, Rules);
            }

            return rules;
        }
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
    {
        get
        {
            if (supported.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref supported, RuleDescriptors.Add(InternalError));
            }

            return supported;
        }
    }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        InitializeCore(new GuardedAnalysisContext(context, GetType().Name));
    }

    /// <summary>Registers this rule's actions on a host's compilation-start context, guarded as when it runs alone.
    /// What the rule registers on its <see cref="AnalysisContext"/> is registered on <paramref name="start"/>; its
    /// compilation-start actions run at once.</summary>
    internal void InitializeFor(CompilationStartAnalysisContext start) =>
        InitializeCore(new GuardedAnalysisContext(new CompilationScopedAnalysisContext(start), GetType().Name));

    /// <summary>Registers the analyzer's actions; each is guarded.</summary>
    protected abstract void InitializeCore(AnalysisContext context);

    /// <summary>Runs <paramref name="action"/> on <paramref name="context"/>; an exception other than this analysis being
    /// cancelled is reported as BST0001 at <paramref name="location"/> (or nowhere, when reporting is not possible)
    /// instead of escaping. Generic over the context, with static report and location delegates, so the common path (no
    /// failure) allocates nothing per callback.</summary>
    internal static void Guard<TContext>(string analyzer, Action<TContext> action, TContext context, Action<TContext, Diagnostic>? report, Func<TContext, Location?> location, CancellationToken cancellationToken)
    {
        try
        {
            action(context);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            if (report is null)
            {
                return;
            }

            Location? where;
            try
            {
                where = location(context);
            }
            catch (Exception)
            {
                where = null;
            }

            try
            {
                report(context, Diagnostic.Create(InternalError, where ?? Location.None, analyzer, exception.GetType().Name));
            }
            catch (ArgumentException)
            {
                // The location is outside the unit being analysed: report without one.
                report(context, Diagnostic.Create(InternalError, Location.None, analyzer, exception.GetType().Name));
            }
        }
    }
}
