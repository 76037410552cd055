using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.CommentSecretAnalyzer>;

namespace Bastion.Tests.Secrets;

/// <summary>BST1008: credentials written in comments — C# comments of every kind, and HTML comments inside markup a
/// string writes out — each shape with its safe twin.</summary>
public sealed class CommentSecretAnalyzerTests
{
    [Fact]
    public Task CredentialPairsInCSharpComments_Report() => Verify.VerifyAsync("""
        class C
        {
            // Staging login: admin / password = [|Winter2024!|]
            /* db user=app pwd=[|Tr0ub4dor-77|] */
            /// <summary>Calls the partner API (api_key=[|k3y-9f8e7d6c5b4a|]).</summary>
            void M() { }
        }
        """);

    [Fact]
    public Task KnownTokenFormatInAComment_Reports() => Verify.VerifyAsync("""
        class C
        {
            // old token [|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|], revoked?
            void M() { }
        }
        """);

    [Fact]
    public Task CredentialInAnHtmlCommentWrittenAsMarkup_Reports() => Verify.VerifyAsync("""
        class C
        {
            string Page() => "<!--DB username = joe, DB password = [|123|]-->" + "<form method=post></form>";
        }
        """);

    [Fact]
    public Task ProsePlaceholdersAndCode_DoNotReport() => Verify.VerifyAsync("""
        class C
        {
            // password: the user's password, never logged.
            // Set token = <your-token> in appsettings, or password = ${DB_PASSWORD}.
            // if (password == expected) compares in constant time.
            /// <param name="password">The password = whatever the user typed.</param>
            /// <remarks>Parses <c>Server=db;Password=Tr0ub4dor</c> and <c>password = …</c> forms.</remarks>
            void M(string password) { }

            // The form posts password=... to /login.
            // Loads "System.Xml, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089".
            string Markup() => "<!-- login form --><input name=password>";
            string Pair() => "password = not-in-a-comment";
        }
        """);
}
