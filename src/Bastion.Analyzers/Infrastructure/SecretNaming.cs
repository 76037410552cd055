using System.Collections.Generic;
using System.Text;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Names for where a secret should live instead, derived from the name it had in code:
/// <c>_dbPassword</c> becomes the environment variable <c>DB_PASSWORD</c> and the configuration key
/// <c>DbPassword</c>; a configuration path <c>Db:Password</c> keeps its sections (<c>DB__PASSWORD</c>).</summary>
internal static class SecretNaming
{
    public static string ToEnvironmentVariable(string name)
    {
        var sections = new List<string>();
        foreach (var section in name.Split(':'))
        {
            var words = IdentifierWords.Split(section);
            if (words.Count > 0)
            {
                sections.Add(string.Join("_", words).ToUpperInvariant());
            }
        }

        return string.Join("__", sections);
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
