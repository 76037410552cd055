
namespace Bastion.Analyzers.Shared.Formats;

/// <summary>The characters a token segment may contain.</summary>
internal enum CharClass
{
    /// <summary><c>A–Z a–z 0–9</c>.</summary>
    Base62,

    /// <summary><c>A–Z a–z 0–9 - _</c> (base64url).</summary>
    Base64Url,

    /// <summary><c>A–Z a–z 0–9 + / =</c>.</summary>
    Base64,

    /// <summary>A PEM or OpenSSH body: base64 plus line breaks, spaces and escaped <c>\n</c> sequences.</summary>
    PemBody,

    /// <summary><c>0–9 a–f A–F</c>.</summary>
    Hex,

    /// <summary><c>0–9 a–f</c>.</summary>
    HexLower,

    /// <summary><c>0–9 A–F</c>.</summary>
    HexUpper,

    Digits,

    /// <summary><c>A–Z 0–9</c>.</summary>
    UpperAlnum,

    /// <summary><c>a–z 0–9</c>.</summary>
    LowerAlnum,

    /// <summary><c>A–Z 2–7</c> (RFC 4648 base32).</summary>
    Base32Upper,

    /// <summary><c>A–Z a–z</c>.</summary>
    Alpha,

    /// <summary>The upper-case bech32 data alphabet.</summary>
    Bech32Upper,

    /// <summary><c>A–Z a–z 0–9 _ ~ . -</c> (Microsoft Entra client secrets).</summary>
    EntraSecret,

    /// <summary><c>A–Z a–z 0–9 %</c> (URL-encoded bearer tokens).</summary>
    Base62Percent,
}
