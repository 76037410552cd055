namespace Bastion.Analyzers.Dataflow;

/// <summary>One line of a source table: members whose value an attacker can shape, and how a message names what they
/// read (<see cref="Label"/>, where <c>{type}</c> is the member's type and <c>{member}</c> its name). A file read can
/// be a line that leaves out the application's own configuration files, which are not input.</summary>
internal sealed class SourceEntry
{
    public SourceEntry(ApiMember member, string label, bool exceptConfigurationFiles = false, bool openedHere = false, bool commandLine = false)
    {
        CommandLine = commandLine;
        Member = member;
        Label = label;
        ExceptConfigurationFiles = exceptConfigurationFiles;
        OpenedHere = openedHere;
    }

    /// <summary>A read of a reader or stream is input only when the code reading it opened it (<c>new StreamReader(path)</c>,
    /// <c>File.OpenText(path)</c>) or it already carries untrusted data: a reader handed in by a caller is the caller's
    /// data, which a library (a parser, a serializer) reads as its job.</summary>
    public bool OpenedHere { get; }

    public ApiMember Member { get; }

    /// <summary>The program's own command line: input only where <c>bastion.dataflow.command_line_is_untrusted</c> says so
    /// (<see cref="TaintSources"/>).</summary>
    public bool CommandLine { get; }

    public string Label { get; }

    public bool ExceptConfigurationFiles { get; }
}
