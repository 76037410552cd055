namespace Bastion.Analyzers.Shared.Formats;

/// <summary>A documented secret format of one vendor.</summary>
internal sealed class TokenFormat
{
    public TokenFormat(string id, string vendor, string description, string pattern, string variable, TokenValidation validation = TokenValidation.None, bool testMode = false)
    {
        IsTestMode = testMode;
        Id = id;
        Vendor = vendor;
        Description = description;
        Pattern = TokenPattern.Parse(pattern);
        Variable = variable;
        Validation = validation;
    }

    /// <summary>Stable identifier, used in diagnostic properties and the docs (never the value).</summary>
    public string Id { get; }

    public string Vendor { get; }

    /// <summary>What it is, as a message shows it: "GitHub personal access token (classic)".</summary>
    public string Description { get; }

    public TokenPattern Pattern { get; }

    /// <summary>The environment variable a fix suggests for it.</summary>
    public string Variable { get; }

    public TokenValidation Validation { get; }

    /// <summary>A key of the vendor's test mode or sandbox: still a credential (it reads test data and account details),
    /// reported a level lower than a live key.</summary>
    public bool IsTestMode { get; }

    /// <summary>How much of a match may be shown: the vendor's public prefix, when the pattern starts with one.</summary>
    public int PublicPrefixLength => Pattern.AnchorIndex == 0 && Pattern.Anchor.Length <= 12 ? Pattern.Anchor.Length : 0;
}
