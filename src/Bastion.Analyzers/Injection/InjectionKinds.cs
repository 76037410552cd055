namespace Bastion.Analyzers.Injection;

/// <summary>The injection family's sink kinds, a bit each (bit 0 is the engine's <c>SinkKinds.Unsanitizable</c>): a
/// sanitizer names the kinds it makes a value safe for, and clears only those.</summary>
internal static class InjectionKinds
{
    public const ulong Sql = 1UL << 1;
    public const ulong Command = 1UL << 2;
    public const ulong Ldap = 1UL << 3;
    public const ulong XPath = 1UL << 4;
    public const ulong Path = 1UL << 5;
    public const ulong Redirect = 1UL << 6;
    public const ulong Header = 1UL << 7;
    public const ulong Log = 1UL << 8;
    public const ulong Format = 1UL << 9;
    public const ulong Html = 1UL << 10;
    public const ulong Reflection = 1UL << 11;
    public const ulong Code = 1UL << 12;
    public const ulong SearchPath = 1UL << 13;

    /// <summary>A count, size or duration: the engine's own kind for numbers.</summary>
    public const ulong Amount = Dataflow.SinkKinds.Amount;
}
