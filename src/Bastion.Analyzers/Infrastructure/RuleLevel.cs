namespace Bastion.Analyzers.Infrastructure;

/// <summary>How loudly a rule speaks by default; the factory maps it to severity and enablement.</summary>
internal enum RuleLevel
{
    /// <summary>A defect that fails a build configured with warnings as errors.</summary>
    BuildWarning,

    /// <summary>Shown in the IDE and the build log; a lower-confidence or lower-impact finding.</summary>
    IdeSuggestion,

    /// <summary>Off unless enabled by configuration or the <c>all</c> preset.</summary>
    Disabled,
}
