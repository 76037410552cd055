namespace Bastion.Analyzers.Shared.Formats;

/// <summary>Extra checks a candidate must pass after its pattern matched.</summary>
internal enum TokenValidation
{
    /// <summary>Only the randomness and placeholder checks every format gets.</summary>
    None,

    /// <summary>The last six characters are a base62 CRC32 of the thirty before them (GitHub, npm).</summary>
    Crc32Base62,

    /// <summary>The first segment decodes to a JSON header with an <c>alg</c> member (JWT, JWS).</summary>
    JwtHeader,

    /// <summary>A private-key block: the body must be long enough and not a placeholder.</summary>
    PrivateKeyBlock,
}
