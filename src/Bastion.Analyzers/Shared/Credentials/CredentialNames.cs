using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.Shared.Credentials;

/// <summary>Decides whether a name (a symbol, a dictionary key, a configuration key) denotes a credential.
/// A name denotes one when it contains a credential phrase (<c>password</c>, <c>api key</c>, <c>client secret</c>…)
/// that is not qualified away: <c>PasswordHash</c>, <c>MinPasswordLength</c>, <c>TokenType</c> and
/// <c>ApiKeyHeader</c> only mention the concept.</summary>
internal sealed class CredentialNames
{
    /// <summary>Multi-word phrases first so that <c>secret key</c> is one phrase, not <c>secret</c> + qualifier <c>key</c>.</summary>
    private static readonly string[][] Phrases =
    {
        new[] { "shared", "access", "key" }, new[] { "api", "key" }, new[] { "access", "key" }, new[] { "private", "key" },
        new[] { "auth", "key" }, new[] { "secret", "key" }, new[] { "signing", "key" }, new[] { "encryption", "key" },
        new[] { "master", "key" }, new[] { "account", "key" }, new[] { "pass", "phrase" }, new[] { "pass", "word" },
        new[] { "password" }, new[] { "passwd" }, new[] { "pwd" }, new[] { "passphrase" }, new[] { "secret" },
        new[] { "token" }, new[] { "credential" }, new[] { "credentials" }, new[] { "creds" }, new[] { "apikey" },
        new[] { "auth" }, new[] { "bearer" },
    };

    /// <summary>Phrases that also name ordinary things — a parser's token, a section marker, an auth scheme or mode — unless
    /// a word before them says which credential (<c>accessToken</c>, <c>clientSecret</c>): a value given to such a name
    /// is reported only when it looks like a secret (<see cref="CredentialValues.LooksLikeSecret"/>).</summary>
    private static readonly HashSet<string> AmbiguousPhrases = StringSet.Of(StringComparer.Ordinal, "token", "secret", "auth", "bearer");

    /// <summary>Words before an ambiguous phrase that make it a credential.</summary>
    private static readonly HashSet<string> CredentialContext = StringSet.Of(
        StringComparer.Ordinal,
        "access", "refresh", "bearer", "api", "client", "app", "application", "session", "oauth", "auth", "id", "github",
        "gitlab", "slack", "bot", "personal", "service", "sas", "security", "jwt", "webhook", "consumer", "shared", "hmac",
        "signing", "basic", "user", "admin", "master", "root");

    /// <summary>Roots recognised at the end of an all-lower-case compound word (<c>dbpassword</c>, <c>clientsecret</c>).</summary>
    private static readonly string[] CompoundRoots =
    {
        "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey", "authkey",
        "secretkey", "signingkey", "encryptionkey", "masterkey", "accountkey", "credential", "credentials",
    };

    /// <summary>Words after the phrase that turn the name into metadata about a credential.</summary>
    private static readonly HashSet<string> DefaultQualifiersAfter = StringSet.Of(
        StringComparer.Ordinal,
        "hash", "hashed", "hasher", "hashing", "policy", "policies", "length", "len", "type", "kind", "label", "url",
        "uri", "path", "file", "filename", "name", "prompt", "regex", "pattern", "field", "column", "header", "key",
        "id", "expiry", "expiration", "expires", "lifetime", "timeout", "ttl", "count", "attempts", "validator",
        "validation", "format", "salt", "mode", "enabled", "required", "changed", "reset", "strength", "provider",
        "store", "manager", "service", "options", "settings", "endpoint", "handler", "generator", "min", "max",
        "rules", "requirements", "complexity", "hint", "placeholder", "text", "message", "error", "title",
        "description", "caption", "display", "param", "parameter", "property", "claim", "scheme", "location",
        "source", "variable", "env", "section", "template", "length", "size", "version", "algorithm", "index",
        "position", "flag", "status", "state", "date", "time", "reference", "ref", "lookup", "selector", "button",
        "textbox", "input", "box", "view", "page", "form", "dialog", "event", "callback", "class", "attribute", "setting");

    /// <summary>Words just before the phrase that make it something else (<c>CancellationToken</c>, <c>MinPassword…</c>).</summary>
    private static readonly HashSet<string> DefaultQualifiersBefore = StringSet.Of(
        StringComparer.Ordinal,
        "min", "max", "minimum", "maximum", "public", "cancellation", "continuation", "page", "paging", "next",
        "previous", "syntax", "lexer", "parser", "is", "has", "use", "uses", "require", "requires", "enable",
        "show", "hide", "forgot", "no", "without", "antiforgery", "csrf", "xsrf");

    public static readonly CredentialNames Default = new(ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);

    private readonly ImmutableArray<string> additionalWords;
    private readonly ImmutableHashSet<string> excludedWords;

    public CredentialNames(ImmutableArray<string> additionalWords, ImmutableArray<string> excludedWords)
    {
        var extra = ImmutableArray.CreateBuilder<string>();
        foreach (var word in additionalWords)
        {
            var normalized = IdentifierWords.Normalize(word);
            if (normalized.Length > 0)
            {
                extra.Add(normalized);
            }
        }

        this.additionalWords = extra.ToImmutable();
        var excluded = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var word in excludedWords)
        {
            var normalized = IdentifierWords.Normalize(word);
            if (normalized.Length > 0)
            {
                excluded.Add(normalized);
            }
        }

        this.excludedWords = excluded.ToImmutable();
    }

    /// <summary>A cheap test that rules out almost every name without allocating.</summary>
    public bool MightBeCredential(string name)
    {
        if (name.Length == 0 || name.Length > IdentifierWords.MaxLength)
        {
            return false;
        }

        if (HasDefaultStem(name))
        {
            return true;
        }

        foreach (var word in additionalWords)
        {
            if (Contains(name, word))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsCredentialName(string name) => MightBeCredential(name) && IsCredentialWords(IdentifierWords.Split(name));

    internal bool IsCredentialWords(List<string> words) => Decide(words, out _, out _);

    /// <summary>Whether the phrase that makes the name a credential is an ambiguous word without a credential word
    /// before it (<c>token</c>, <c>endToken</c>, <c>secret</c>, <c>auth</c>, <c>x_auth</c>); false for names that are no
    /// credential at all.</summary>
    public bool IsAmbiguous(string name)
    {
        var words = IdentifierWords.Split(name);
        return Decide(words, out var start, out var length) && length == 1 && AmbiguousPhrases.Contains(words[start]) &&
               (start == 0 || !CredentialContext.Contains(words[start - 1]));
    }

    private bool Decide(List<string> words, out int phraseStartAt, out int phraseLength)
    {
        phraseStartAt = -1;
        phraseLength = 0;
        foreach (var word in words)
        {
            if (excludedWords.Contains(word))
            {
                return false;
            }
        }

        // The last credential phrase in the name decides: "TokenPasswordHash" is about a hash.
        var phraseStart = -1;
        var phraseEnd = -1;
        for (var i = 0; i < words.Count; i++)
        {
            var length = MatchPhrase(words, i);
            if (length > 0)
            {
                phraseStart = i;
                phraseEnd = i + length;
                i += length - 1;
            }
        }

        if (phraseStart < 0)
        {
            return false;
        }

        phraseStartAt = phraseStart;
        phraseLength = phraseEnd - phraseStart;
        if (phraseStart > 0 && DefaultQualifiersBefore.Contains(words[phraseStart - 1]))
        {
            return false;
        }

        for (var i = phraseEnd; i < words.Count; i++)
        {
            if (DefaultQualifiersAfter.Contains(words[i]))
            {
                return false;
            }
        }

        return true;
    }

    private int MatchPhrase(List<string> words, int index)
    {
        foreach (var phrase in Phrases)
        {
            if (index + phrase.Length > words.Count)
            {
                continue;
            }

            var matched = true;
            for (var j = 0; j < phrase.Length && matched; j++)
            {
                matched = string.Equals(words[index + j], phrase[j], StringComparison.Ordinal);
            }

            if (matched)
            {
                return phrase.Length;
            }
        }

        var word = words[index];
        foreach (var root in CompoundRoots)
        {
            if (word.Length > root.Length && word.EndsWith(root, StringComparison.Ordinal) && char.IsLetter(word[0]))
            {
                return 1;
            }
        }

        foreach (var extra in additionalWords)
        {
            if (word.Length > extra.Length && word.EndsWith(extra, StringComparison.Ordinal))
            {
                return 1;
            }

            // A configured word may span several words of the name: "pincode" matches "pinCode".
            var joined = 0;
            for (var j = index; j < words.Count && joined < extra.Length; j++)
            {
                if (string.CompareOrdinal(words[j], 0, extra, joined, words[j].Length) != 0 || joined + words[j].Length > extra.Length)
                {
                    break;
                }

                joined += words[j].Length;
                if (joined == extra.Length)
                {
                    return j - index + 1;
                }
            }
        }

        return 0;
    }

    private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Whether the name contains "pass", "pwd", "secret", "token", "key", "cred", "auth" or "bearer", in any case: one pass over
    /// the name instead of six case-insensitive searches (this runs for every parameter and member name of a build).
    /// Matches what <see cref="StringComparison.OrdinalIgnoreCase"/> does: ASCII letters compare without case, and no
    /// other character equals an ASCII letter (.NET's ordinal casing keeps the long s and the Kelvin sign apart).</summary>
    internal static bool HasDefaultStem(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            switch (Fold(name[i]))
            {
                case 'P' when At(name, i, "PASS") || At(name, i, "PWD"):
                case 'S' when At(name, i, "SECRET"):
                case 'T' when At(name, i, "TOKEN"):
                case 'K' when At(name, i, "KEY"):
                case 'C' when At(name, i, "CRED"):
                case 'A' when At(name, i, "AUTH"):
                case 'B' when At(name, i, "BEARER"):
                    return true;
            }
        }

        return false;
    }

    private static bool At(string name, int start, string upperStem)
    {
        if (start + upperStem.Length > name.Length)
        {
            return false;
        }

        for (var j = 1; j < upperStem.Length; j++)
        {
            if (Fold(name[start + j]) != upperStem[j])
            {
                return false;
            }
        }

        return true;
    }

    private static char Fold(char c) => c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
}
