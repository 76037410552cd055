using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.LdapInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class LdapInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.InjectionApis).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.DirectoryServices;
        class C
        {
            void M()
            {
                var user = Console.ReadLine();
                using var entry = new DirectoryEntry([|"LDAP://" + user|]);
                entry.Path = [|"LDAP://ou=" + user|];
                using var searcher = new DirectorySearcher(entry);
                searcher.Filter = [|"(&(objectClass=user)(cn=" + user + "))"|];
                using var byFilter = new DirectorySearcher([|"(cn=" + user + ")"|]);
            }
        }
        """);

    [Fact]
    public Task ConstantsAndAllowListedValues_DoNotReport() => Verify("""
        using System;
        using System.DirectoryServices;
        using System.Text.RegularExpressions;
        class C
        {
            void M()
            {
                var user = Console.ReadLine()!;
                using var searcher = new DirectorySearcher(new DirectoryEntry());
                searcher.Filter = "(objectClass=user)";
                if (Regex.IsMatch(user, "^[a-z]+$"))
                {
                    searcher.Filter = "(cn=" + user + ")";
                }
            }
        }
        """);
}
