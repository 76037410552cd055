using System.Collections.Generic;
using System.Text;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.Secrets;

/// <summary>Names for where a secret should live instead, derived from the name it had in code:
/// <c>_dbPassword</c> becomes the environment variable <c>DB_PASSWORD</c> and the configuration key
/// <c>DbPassword</c>; a configuration path <c>Db:Password</c> keeps its sections (<c>DB__PASSWORD</c>).</summary>
internal static class SecretNaming
{
    /// <summary>Names written in camel case that are one word in an environment variable (<c>GitHubToken</c> is
    /// <c>GITHUB_TOKEN</c>, as GitHub itself names it), as the pairs of words they split into.</summary>
    private static readonly HashSet<string> OneWord = StringSet.Of(
        "git hub", "git lab", "bit bucket", "o auth", "pay pal", "linked in", "dev ops", "my sql", "postgre sql", "nu get",
        "send grid", "mail chimp", "mail gun", "drop box", "you tube", "open ai", "type script", "java script", "word press",
        "docker hub", "share point", "one drive", "post mark", "pager duty");

    public static string ToEnvironmentVariable(string name)
    {
        var sections = new List<string>();
        foreach (var section in name.Split(':'))
        {
            var words = IdentifierWords.Split(section);
            if (words.Count > 0)
            {
                sections.Add(string.Join("_", JoinCompounds(words)).ToUpperInvariant());
            }
        }

        return string.Join("__", sections);
    }

    private static List<string> JoinCompounds(IReadOnlyList<string> words)
    {
        var joined = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (i + 1 < words.Count && OneWord.Contains(words[i].ToLowerInvariant() + " " + words[i + 1].ToLowerInvariant()))
            {
                joined.Add(words[i] + words[i + 1]);
                i++;
            }
            else
            {
                joined.Add(words[i]);
            }
        }

        return joined;
    }

    /// <summary>Names that say nothing of what they hold (a helper's <c>value</c>, <c>s</c>, <c>input</c>): a setting
    /// named after one (<c>VALUE</c>) would be meaningless; name it after where the secret goes instead.</summary>
    private static readonly HashSet<string> VagueWords = StringSet.Of(
        "value", "val", "v", "s", "str", "string", "text", "input", "arg", "args", "argument", "data", "x", "item", "obj",
        "o", "p", "param", "parameter", "raw", "result", "content", "bytes", "buffer", "key");

    public static bool IsVague(string name)
    {
        var words = IdentifierWords.Split(name);
        foreach (var word in words)
        {
            if (!VagueWords.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    public static string ToConfigurationKey(string name)
    {
        var sections = new List<string>();
        foreach (var section in name.Split(':'))
        {
            var builder = new StringBuilder();
            foreach (var word in IdentifierWords.Split(section))
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }

            if (builder.Length > 0)
            {
                sections.Add(builder.ToString());
            }
        }

        return string.Join(":", sections);
    }
}
