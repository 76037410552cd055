namespace Bastion.Analyzers.Dataflow;

/// <summary>Sink kinds are bits of <see cref="TaintValue.Open"/>. A family numbers its own kinds from bit 1; bit 0 is
/// the kind no sanitizer clears (a configuration value has no encoding that makes any string safe).</summary>
internal static class SinkKinds
{
    public const ulong Unsanitizable = 1;

    /// <summary>A size, count or duration: the one kind a number can harm. Values of text-free types (numbers, dates,
    /// <c>bool</c>) keep only this bit open, so every other sink treats them as clean.</summary>
    public const ulong Amount = 1UL << 63;
}
