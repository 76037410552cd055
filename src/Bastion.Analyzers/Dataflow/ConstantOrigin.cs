namespace Bastion.Analyzers.Dataflow;

/// <summary>Where a constant a finding reports was written, as seen from the finding: what a fix can replace.</summary>
internal enum ConstantOrigin
{
    /// <summary>The finding sits on the constant itself (<c>new NetworkCredential("svc", "…")</c>).</summary>
    AtFinding,

    /// <summary>The constant is elsewhere in the same file: the finding's first additional location.</summary>
    InFile,

    /// <summary>The constant is in another file: no fix of this document can replace it.</summary>
    Elsewhere,
}
