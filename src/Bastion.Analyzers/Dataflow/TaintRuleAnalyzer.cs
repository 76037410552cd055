using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A rule of an untrusted-data family: its descriptor and its family; the family's engine finds the flows and
/// the rule reports those that reach its sinks.</summary>
public abstract class TaintRuleAnalyzer : BastionAnalyzer
{
    private protected abstract DiagnosticDescriptor FamilyRule { get; }

    private protected abstract TaintFamily Family { get; }

    protected sealed override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(FamilyRule);

    protected sealed override void InitializeCore(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start => Family.Register(start, FamilyRule));
}
