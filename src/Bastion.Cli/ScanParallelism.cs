namespace Bastion.Cli;

/// <summary>How many compilations both scan modes analyse side by side: as many as there are processors, in the order
/// given (folder mode lists referenced projects first).</summary>
internal static class ScanParallelism
{
    public static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken };
}
