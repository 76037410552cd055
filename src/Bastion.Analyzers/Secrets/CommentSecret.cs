using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;

namespace Bastion.Analyzers.Secrets;

/// <summary>A credential found in comment text: where its value is, and how a message names it (never the value),
/// as the start of a sentence.</summary>
internal readonly struct CommentSecret
{
    public CommentSecret(int start, int length, string description)
    {
        Start = start;
        Length = length;
        Description = description;
    }

    public int Start { get; }

    public int Length { get; }

    public string Description { get; }
}
