namespace Bastion.Analyzers.Secrets;

/// <summary>Where a piece of a decoded value is written in its source text (a literal with escapes or a raw literal's
/// indentation, an XML attribute with entities): the same occurrence of the piece, when the source holds it as often
/// before that point. Null when an escape inside or before it breaks the correspondence.</summary>
internal static class EscapedText
{
    /// <returns>The piece's index in <paramref name="source"/>.</returns>
    public static int? Locate(string source, int sourceStart, int sourceLength, string value, int pieceStart, int pieceLength)
    {
        if (pieceLength == 0)
        {
            return null;
        }

        var piece = value.Substring(pieceStart, pieceLength);
        var occurrence = 0;
        for (var at = value.IndexOf(piece, System.StringComparison.Ordinal); at >= 0 && at < pieceStart; at = value.IndexOf(piece, at + 1, System.StringComparison.Ordinal))
        {
            occurrence++;
        }

        var sourceEnd = sourceStart + sourceLength;
        var found = source.IndexOf(piece, sourceStart, sourceLength, System.StringComparison.Ordinal);
        for (var i = 0; i < occurrence && found >= 0; i++)
        {
            found = found + 1 < sourceEnd ? source.IndexOf(piece, found + 1, sourceEnd - found - 1, System.StringComparison.Ordinal) : -1;
        }

        return found >= 0 && found + pieceLength <= sourceEnd ? found : null;
    }
}
