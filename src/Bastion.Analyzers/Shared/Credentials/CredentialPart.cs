
namespace Bastion.Analyzers.Shared.Credentials;

/// <summary>A credential inside a connection string or URI: which key, where the value is, and what it looks like.</summary>
internal readonly struct CredentialPart
{
    public CredentialPart(string key, int valueStart, int valueLength, CredentialPartKind kind)
    {
        Key = key;
        ValueStart = valueStart;
        ValueLength = valueLength;
        Kind = kind;
    }

    /// <summary>The key as written (<c>Pwd</c>, <c>AccountKey</c>), or <c>password</c> for a URI's user-info.</summary>
    public string Key { get; }

    public int ValueStart { get; }

    public int ValueLength { get; }

    public CredentialPartKind Kind { get; }
}
