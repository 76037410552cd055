namespace Bastion.Cli;

/// <summary>Input the scanner cannot use (a broken solution, a project list it cannot read): exit code 2.</summary>
internal sealed class ScanInputException(string message) : Exception(message);
