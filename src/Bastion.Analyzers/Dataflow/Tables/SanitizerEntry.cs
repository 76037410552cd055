namespace Bastion.Analyzers.Dataflow;

/// <summary>One line of a sanitizer table: methods whose result is safe for the sink kinds named (bits of
/// <see cref="TaintValue.Open"/>): <c>HttpUtility.HtmlEncode</c> for HTML, <c>SecurityElement.Escape</c> for XPath.</summary>
internal sealed class SanitizerEntry
{
    public SanitizerEntry(ulong kinds, ApiMember member)
    {
        Kinds = kinds;
        Member = member;
    }

    public ulong Kinds { get; }

    public ApiMember Member { get; }
}
