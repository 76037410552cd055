namespace Bastion.Cli;

/// <summary>A <c>&lt;Using Include="…" Alias="…" Static="…"/&gt;</c> or <c>&lt;Using Remove="…"/&gt;</c> item.</summary>
internal sealed record UsingItem(string Namespace, string? Alias, bool IsStatic, bool Remove);
