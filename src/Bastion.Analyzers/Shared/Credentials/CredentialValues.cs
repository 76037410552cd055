using System;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;

namespace Bastion.Analyzers.Shared.Credentials;

/// <summary>Decides whether a literal assigned to a credential-named target is plausibly a real credential, as
/// opposed to an empty value, a placeholder, a reference to an environment variable or configuration key, or the
/// name of the credential itself.</summary>
internal sealed class CredentialValues
{
    /// <summary>Values longer than this are never placeholders or key names; no pattern is matched against them.</summary>
    private const int MaxPatternInput = 1024;

    private static readonly string[] PlaceholderWords =
    {
        "your", "replace", "insert", "enter", "placeholder", "redacted", "todo", "tbd", "fixme",
        "example", "sample", "dummy", "none", "null", "nil", "undefined", "notset", "unset", "secret",
    };

    /// <summary>The default judgement (no options): immutable, so one instance serves every rule that needs it.</summary>
    public static readonly CredentialValues Default = new(CredentialNames.Default, 4, ImmutableArray<string>.Empty);

    private readonly ImmutableArray<string> extraPatterns;
    private readonly int minimumLength;
    private readonly CredentialNames names;

    public CredentialValues(CredentialNames names, int minimumLength, ImmutableArray<string> extraPatterns)
    {
        this.names = names;
        this.minimumLength = minimumLength;
        this.extraPatterns = extraPatterns;
    }

    /// <summary>Why a value is not reported, or <c>null</c> when it should be.</summary>
    public string? ExclusionReason(string value, string targetName)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return "empty";
        }

        if (trimmed.Length < minimumLength)
        {
            return "shorter than the minimum length";
        }

        if (trimmed.Length > MaxPatternInput)
        {
            return null;
        }

        if (IsPlaceholder(trimmed))
        {
            return "placeholder";
        }

        // "Password = ", "Token:": a label before a value, not the value.
        if (trimmed[trimmed.Length - 1] is ':' or '=')
        {
            return "a label";
        }

        // "Nothing to see here", "Use at least 12 characters": prose, a person's sentence rather than a secret.
        if (IsProse(trimmed))
        {
            return "prose";
        }

        foreach (var pattern in extraPatterns)
        {
            if (Wildcard.IsMatch(trimmed, pattern))
            {
                return "matches a configured placeholder pattern";
            }
        }

        var normalizedValue = IdentifierWords.Normalize(trimmed);
        if (normalizedValue.Length > 0 && normalizedValue == IdentifierWords.Normalize(targetName))
        {
            return "equal to the name";
        }

        if (IsKeyName(trimmed))
        {
            return "a configuration key or credential name";
        }

        return null;
    }

    private static readonly RandomnessClassifier Generated = new(RandomnessClassifier.DefaultEntropyThreshold, RandomnessClassifier.DefaultMinimumLength);

    /// <summary>A value that looks like a secret on its own: generated (a key or token), or password-like (eight or more
    /// characters without spaces mixing letters with digits or symbols, not words). <c>"hdtv"</c>,
    /// <c>"EndGlobalSection"</c> and <c>"Bearer"</c> are not.</summary>
    public static bool LooksLikeSecret(string value)
    {
        if (Generated.LooksRandom(value))
        {
            return true;
        }

        if (value.Length < 8 || value.Length > 256)
        {
            return false;
        }

        int letters = 0, digits = 0, symbols = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }

            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (char.IsDigit(c))
            {
                digits++;
            }
            else
            {
                symbols++;
            }
        }

        return letters > 0 && (digits > 0 || symbols > 0) && !RandomnessClassifier.IsMostlyWords(value, 0, value.Length);
    }

    /// <summary>Words a sentence has and a passphrase does not need.</summary>
    private static readonly System.Collections.Generic.HashSet<string> FunctionWords = StringSet.Of(
        StringComparer.OrdinalIgnoreCase,
        "the", "a", "an", "to", "and", "or", "for", "of", "in", "on", "is", "are", "be", "at", "by", "your", "you", "with",
        "here", "this", "that", "not", "no", "must", "should", "will", "can", "please", "from", "it", "as", "if", "one");

    /// <summary>A sentence: three or more words separated by spaces, at least 70% of the text in words (trailing
    /// punctuation aside) or the spaces between them, and a function word (<c>to</c>, <c>the</c>, <c>at</c>…) or a full
    /// stop. <c>"Use at least 12 characters"</c> is one; the passphrase <c>"correct horse battery staple"</c> is not.</summary>
    internal static bool IsProse(string value)
    {
        var spaces = -1;
        var inWords = 0;
        var sentence = value[value.Length - 1] is '.' or '!' or '?';
        foreach (var part in value.Split(' '))
        {
            spaces++;
            var word = part.TrimEnd('.', ',', '!', '?', ';', ':');
            var vowel = false;
            var letters = word.Length > 0;
            foreach (var c in word)
            {
                letters &= char.IsLetter(c);
                vowel |= "aeiouyAEIOUY".IndexOf(c) >= 0;
            }

            inWords += letters && vowel ? part.Length : 0;
            sentence |= FunctionWords.Contains(word);
        }

        return spaces >= 2 && sentence && (inWords + spaces) * 10 >= value.Length * 7;
    }

    internal static bool IsPlaceholder(string value)
    {
        var first = value[0];
        var last = value[value.Length - 1];

        // <password>, [token], and everything substituted before use.
        if ((first == '<' && last == '>') || (first == '[' && last == ']') || IsSubstitution(value))
        {
            return true;
        }

        // ***, xxxx, ----, ....
        var allMask = true;
        foreach (var c in value)
        {
            if (c != '*' && c != 'x' && c != 'X' && c != '.' && c != '#' && c != '-' && c != '_' && c != '?' && c != '•')
            {
                allMask = false;
                break;
            }
        }

        if (allMask)
        {
            return true;
        }

        // your-api-key, YOUR_TOKEN_HERE, replace-me, <enter password>: the leading word gives it away.
        var words = IdentifierWords.Split(value);
        if (words.Count > 0)
        {
            foreach (var placeholder in PlaceholderWords)
            {
                // "secret-here" is a template; "SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes" is a passphrase.
                if (string.Equals(words[0], placeholder, StringComparison.Ordinal) && (placeholder != "secret" || words.Count is > 1 and <= 3))
                {
                    return HasOnlyWordCharacters(value);
                }
            }
        }

        return false;
    }

    /// <summary>Values a program or the environment replaces before use: <c>{0}</c>, <c>{password}</c>,
    /// <c>{{secret}}</c>, <c>${VAR}</c>, <c>$(Var)</c>, <c>%VAR%</c>, <c>#{token}#</c>.</summary>
    public static bool IsSubstitution(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var first = value[0];
        var last = value[value.Length - 1];
        return (first == '{' && last == '}') || (first == '%' && last == '%' && value.Length > 2) ||
               (value.Length > 2 && (first == '$' || first == '#') && (value[1] == '{' || value[1] == '('));
    }

    /// <summary><c>"Db:Password"</c>, <c>"Auth__ClientSecret"</c>, <c>"X-Api-Key"</c>, <c>"client_secret"</c>: the
    /// value names a credential (a lookup key or header name) instead of being one.</summary>
    private const int MaxKeyNameWords = 4;

    private bool IsKeyName(string value)
    {
        if (!HasOnlyWordCharacters(value) || !char.IsLetter(value[0]))
        {
            return false;
        }

        // A key is a few words (ApiKey, DbPassword, JwtSigningKey); a long run of words is a passphrase.
        var words = IdentifierWords.Split(value);
        if (words.Count < 2 && value.IndexOf(':') < 0 || words.Count > MaxKeyNameWords && value.IndexOf(':') < 0 && value.IndexOf("__", StringComparison.Ordinal) < 0)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (!IsAlphabetic(word))
            {
                return false;
            }
        }

        return names.IsCredentialWords(words) || value.IndexOf(':') > 0 || value.IndexOf("__", StringComparison.Ordinal) > 0;
    }

    private static bool HasOnlyWordCharacters(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '-' && c != '.' && c != ':' && c != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphabetic(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
