using System.Collections.Generic;

namespace Bastion.Analyzers.Shared.Formats;

/// <summary>A token found in a string: its format and where it is.</summary>
internal readonly struct TokenMatch
{
    public TokenMatch(TokenFormat format, int start, int length, bool unverified = false)
    {
        Format = format;
        Start = start;
        Length = length;
        Unverified = unverified;
    }

    /// <summary>The vendor's prefix, length and alphabet, random-looking, but its checksum does not match: probably an
    /// example or a value edited by hand. Only found when asked for (<see cref="TokenScanner.FindAll(string, ref List{TokenMatch}?, int, bool)"/>).</summary>
    public bool Unverified { get; }

    public TokenFormat Format { get; }

    public int Start { get; }

    public int Length { get; }
}
