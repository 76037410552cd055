namespace Bastion.Benchmarks;

/// <summary>One option of a command: its name, the value it takes (null for a switch) and what it does.</summary>
internal sealed record OptionSpec(string Name, string? Value, string Help);
