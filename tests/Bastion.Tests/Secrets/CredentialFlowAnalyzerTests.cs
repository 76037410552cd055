using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Verify = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer>;
using VerifyFix = Bastion.Tests.Infrastructure.CodeFixVerifier<Bastion.Analyzers.Secrets.CredentialFlowAnalyzer, Bastion.CodeFixes.Secrets.CredentialFlowCodeFix>;

namespace Bastion.Tests.Secrets;

public sealed class CredentialFlowAnalyzerTests
{
    [Fact]
    public Task ConstantThroughNeutrallyNamedLocals_Reports() => Verify.VerifyAsync("""
        using System.Net;
        class C
        {
            ICredentials M()
            {
                var value = "Winter2024!";
                var copy = value;
                return new NetworkCredential("svc-backup", [|copy|]);
            }
        }
        """);

    [Fact]
    public Task PropertySetterOfALibraryType_Reports() => Verify.VerifyAsync("""
        using System.Net;
        class C
        {
            void M(NetworkCredential credential)
            {
                var s = "Winter2024!";
                credential.Password = [|s|];
            }
        }
        """);

    [Fact]
    public Task ReadonlyFieldInAnotherFile_ReportsAtTheSinkWithTheOriginAsAdditionalLocation() =>
        Verify.Test("""
            using System.Net;
            class C
            {
                ICredentials M() => new NetworkCredential("svc", [|Defaults.Fallback|]);
            }
            """)
            .WithSource("""
            static class Defaults
            {
                internal static readonly string Fallback = "Winter2024!";
            }
            """, "Defaults.cs")
            .WithAssertion(d => Assert.Contains(d.Single().AdditionalLocations, l => l.GetLineSpan().Path.EndsWith("Defaults.cs", StringComparison.Ordinal)))
            .RunAsync();

    [Fact]
    public Task ConstantPassedThroughMethodsAcrossClasses_ReportsAtTheCall() => Verify.VerifyAsync("""
        using System.Net;
        using System.Security.Cryptography;
        class Startup
        {
            void Run() => new Mailer().Connect("mailer", [|"M4il-Pass-2024"|]);
            byte[] Derive(byte[] salt) => KeyMaker.Make([|"derivation-input-1"|], salt);
        }
        class Mailer
        {
            public ICredentials Connect(string user, string value) => Build(user, value);
            private static ICredentials Build(string u, string v) => new NetworkCredential(u, v);
        }
        static class KeyMaker
        {
            public static byte[] Make(string input, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(input, salt, 100_000, HashAlgorithmName.SHA256, 32);
        }
        """);

    [Fact]
    public Task ArrayAndCollectionElements_Report() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Net;
        class C
        {
            private static readonly string[] Accounts = { "Winter2024!", "Summer2024!" };

            ICredentials A() => new NetworkCredential("svc", [|Accounts[1]|]);

            ICredentials B()
            {
                var settings = new Dictionary<string, string> { ["smtp"] = "M4il-Pass-2024" };
                return new NetworkCredential("mailer", [|settings["smtp"]|]);
            }

            ICredentials D()
            {
                var list = new List<string> { "Backup-2024!" };
                return new NetworkCredential("backup", [|list.First()|]);
            }
        }
        """);

    [Fact]
    public Task MutatedArraysAndCollections_DoNotReport() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Net;
        class C
        {
            private static readonly string[] Accounts = { "placeholder-1", "placeholder-2" };

            static C() => Accounts[1] = System.Environment.GetEnvironmentVariable("PWD") ?? "";

            ICredentials A() => new NetworkCredential("svc", Accounts[1]);

            ICredentials B(string fromVault)
            {
                var list = new List<string> { "Winter2024!" };
                list.Clear();
                list.Add(fromVault);
                return new NetworkCredential("svc", list[0]);
            }

            ICredentials D(string fromVault)
            {
                var names = new[] { "Winter2024!" };
                names[0] = fromVault;
                return new NetworkCredential("svc", names[0]);
            }
        }
        """);

    [Fact]
    public Task ForeachOverAConstantIntoSecureString_Reports() => Verify.VerifyAsync("""
        using System.Security;
        class C
        {
            SecureString M()
            {
                var secure = new SecureString();
                foreach (var c in "Winter2024!")
                {
                    secure.AppendChar([|c|]);
                }

                return secure;
            }
        }
        """);

    [Fact]
    public Task ConstantGivenACredentialName_IsLeftToBst1001() =>
        new BastionTest(ImmutableArray.Create<DiagnosticAnalyzer>(RuleHost.Of(new CredentialFlowAnalyzer(), new HardcodedCredentialAnalyzer())), fixer: null)
            .WithSource("""
                using System.Net;
                class C
                {
                    const string DefaultPassword = {|BST1001:"Winter2024!"|};
                    ICredentials A() => new NetworkCredential("svc", DefaultPassword);
                    ICredentials B() => new NetworkCredential("svc", {|BST1001:"Summer2024!"|});
                    ICredentials D() { var v = "Autumn2024!"; return new NetworkCredential("svc", {|BST1005:v|}); }
                }
                """)
            .RunAsync();

    [Fact]
    public Task NonConstantOrPlaceholderValues_DoNotReport() => Verify.VerifyAsync("""
        using System;
        using System.Net;
        class C
        {
            ICredentials A(string fromVault) { var v = fromVault; return new NetworkCredential("svc", v); }
            ICredentials B() { var v = Environment.GetEnvironmentVariable("PWD") ?? ""; return new NetworkCredential("svc", v); }
            ICredentials D() { var v = "<password>"; return new NetworkCredential("svc", v); }
            ICredentials E() { var v = ""; return new NetworkCredential("svc", v); }
        }
        """);

    [Fact]
    public Task SourceMethodsWithCredentialNamesAreNotSinksThemselves() => Verify.VerifyAsync("""
        class Store
        {
            private string? saved;
            public void Remember(string password) => saved = password;
            void M() { var v = "Winter2024!"; Remember(v); }
        }
        """);

    [Fact]
    public Task TestProject_DoesNotReportByDefault() =>
        Verify.Test("""
            using System.Net;
            class C
            {
                ICredentials M() { var v = "Winter2024!"; return new NetworkCredential("svc", v); }
            }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task Message_NamesTheApiAndMasksTheValue() =>
        Verify.Test("""
            using System.Net;
            class C
            {
                ICredentials M() { var v = "Winter2024!"; return new NetworkCredential("svc", [|v|]); }
            }
            """)
            .WithAssertion(d => Assert.Equal(
                "A hard-coded value (*** (11 characters)) reaches 'password' of NetworkCredential; read the credential from configuration or a secret store",
                d.Single().GetMessage()))
            .RunAsync();

    [Fact]
    public Task Fix_ReplacesTheConstantWhereItIsWritten() => VerifyFix.VerifyFixAsync(
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials M() { var stored = "Winter2024!"; return new NetworkCredential("svc", [|stored|]); }
            ICredentials N() { var v = "Summer2024!"; return new NetworkCredential("svc", [|v|]); }
        }
        """,
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials M() { var stored = Environment.GetEnvironmentVariable("STORED") ?? throw new InvalidOperationException("Environment variable 'STORED' is not set."); return new NetworkCredential("svc", stored); }
            ICredentials N() { var v = Environment.GetEnvironmentVariable("V") ?? throw new InvalidOperationException("Environment variable 'V' is not set."); return new NetworkCredential("svc", v); }
        }
        """);

    /// <summary>A constant handed to a helper whose parameter has a vague name (<c>value</c>) is read from a variable named
    /// after the credential it becomes, not <c>VALUE</c>.</summary>
    [Fact]
    public Task Fix_ArgumentOfAHelperWithAVagueParameter_IsNamedAfterTheSink() => VerifyFix.VerifyFixAsync(
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials M() => Make([|"Winter2024!"|]);
            static ICredentials Make(string value) => new NetworkCredential("svc", value);
        }
        """,
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials M() => Make(Environment.GetEnvironmentVariable("PASSWORD") ?? throw new InvalidOperationException("Environment variable 'PASSWORD' is not set."));
            static ICredentials Make(string value) => new NetworkCredential("svc", value);
        }
        """);

    [Fact]
    public Task Fix_OneConstantUsedBySeveralSinks_IsReplacedOnce() => VerifyFix.VerifyFixAsync(
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials[] M()
            {
                var shared = "Winter2024!";
                return new ICredentials[] { new NetworkCredential("svc", [|shared|]), new NetworkCredential("backup", [|shared|]) };
            }
        }
        """,
        """
        using System;
        using System.Net;
        class C
        {
            ICredentials[] M()
            {
                var shared = Environment.GetEnvironmentVariable("SHARED") ?? throw new InvalidOperationException("Environment variable 'SHARED' is not set.");
                return new ICredentials[] { new NetworkCredential("svc", shared), new NetworkCredential("backup", shared) };
            }
        }
        """);

    [Fact]
    public Task ConstantUsedBySeveralSinks_EachFindingNamesTheConstant() =>
        Verify.Test("""
            using System.Net;
            class C
            {
                private static readonly string Shared = "Winter2024!";
                ICredentials A() => new NetworkCredential("svc", [|Shared|]);
                void B(NetworkCredential credential) => credential.Password = [|Shared|];
            }
            """)
            .WithAssertion(d => Assert.All(d, f => Assert.Equal(3, f.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line)))
            .RunAsync();
}
