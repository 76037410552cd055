using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>How a project was classified, and why (shown in docs and used by rules that behave differently in
/// test projects).</summary>
internal readonly struct ProjectClassification
{
    public ProjectClassification(ProjectKind kind, string reason)
    {
        Kind = kind;
        Reason = reason;
    }

    public ProjectKind Kind { get; }

    public string Reason { get; }

    public bool IsTest => Kind == ProjectKind.Test;
}
