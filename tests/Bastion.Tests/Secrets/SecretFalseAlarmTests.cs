using System.Threading.Tasks;
using Xunit;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Secrets;

/// <summary>Strings that mention credentials without holding one, as real code writes them: SQL bind placeholders, URL
/// paths, form field names, assembly names, section markers, URIs in documentation text. None may be a finding of any
/// secrets rule; the real credential beside them still is.</summary>
public sealed class SecretFalseAlarmTests
{
    private static BastionTest AllSecretRules(string source) => new BastionTest(
        System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(
            Hosted.AsShipped(new Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer()),
            Hosted.AsShipped(new Bastion.Analyzers.Secrets.ConnectionStringCredentialAnalyzer()),
            Hosted.AsShipped(new Bastion.Analyzers.Secrets.HighEntropySecretAnalyzer()),
            Hosted.AsShipped(new Bastion.Analyzers.Secrets.KnownSecretFormatAnalyzer())),
        fixer: null).WithSource(source);

    [Fact]
    public Task MentionsOfCredentials_AreNotFindings() => AllSecretRules("""
        class Account
        {
            string update = "UPDATE Users SET Password = @p WHERE Id = @id";
            string oracle = "UPDATE Users SET Password=:pwd WHERE Id=:id";
            string odbc = "UPDATE Users SET Password=? WHERE Id=?";
            string insert = "INSERT INTO Users (Name, Password) VALUES (@name, @password)";
            string resetPasswordUrl = "/account/reset-password";
            string passwordView = "~/Views/Account/ChangePassword.cshtml";
            string tokenField = "__RequestVerificationToken";
            string assembly = "System.Web, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a";
            string help = "<p>Connect with <code>ftp://user:password@host</code> as documented.</p>";
            string mail = "Use the form ftp://user:pass@host/ to connect, replacing user and pass.";
            const string END_TOKEN = "EndGlobalSection";
        }
        """).RunAsync();

    [Fact]
    public Task RealCredentials_BesideThem_AreFindings() => AllSecretRules("""
        class Account
        {
            string password = {|BST1001:"P@ssw0rd-2024"|};
            string help = "<a href='ftp://admin:{|BST1002:Xk9!pQ-77w|}@files.internal/'>files</a>";
        }
        """).RunAsync();
}
