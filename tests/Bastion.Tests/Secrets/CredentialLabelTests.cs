using System.Threading.Tasks;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.HardcodedCredentialAnalyzer>;

namespace Bastion.Tests.Secrets;

/// <summary>Labels and sentences given to credential-named targets are text for people, not credentials; a
/// password-like value beside them still is one.</summary>
public sealed class CredentialLabelTests
{
    [Fact]
    public Task LabelsAndProse_DoNotReport() => Verify.VerifyAsync("""
        class Form
        {
            string password = "Password = ";
            string passwordLabel2 = "Password:";
            string secret = "Nothing to see here.";
            string apiKey = "Ask the administrator for one.";
        }
        """);

    [Fact]
    public Task PasswordLikeValues_BesideThem_Report() => Verify.VerifyAsync("""
        class Form
        {
            string password = [|"Winter-2024!"|];
            string apiKey = [|"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes"|];
            string passphrase = [|"blue42 horse!battery"|];
        }
        """);
}
