using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Bastion.Tests.InfrastructureUnits;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("Winter2024!", 0, "*** (11 characters)")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", 4, "ghp_*** (40 characters)")]
    [InlineData("sk_live_abcdefghijklmnopqrstuvwxyz", 8, "sk_live*** (34 characters)")]
    [InlineData("", 4, "(empty)")]
    public void Mask_ShowsAtMostThePublicPrefixAndTheLength(string value, int prefix, string expected) =>
        Assert.Equal(expected, SecretMasker.Mask(value, prefix));

    [Fact]
    public void Mask_NeverShowsMoreThanAQuarterOfAShortValue() =>
        Assert.Equal("ab*** (8 characters)", SecretMasker.Mask("abcdefgh", 8));

    [Fact]
    public void Mask_NeverShowsEightCharactersOrMore() =>
        Assert.Equal("abcdefg*** (64 characters)", SecretMasker.Mask("abcdefgh" + new string('z', 56), 30));
}

public sealed class IdentifierWordsTests
{
    [Theory]
    [InlineData("dbPassword", "db password")]
    [InlineData("DbPassword", "db password")]
    [InlineData("APIKey", "api key")]
    [InlineData("api_key", "api key")]
    [InlineData("x-api-key", "x api key")]
    [InlineData("Db:Password", "db password")]
    [InlineData("Auth__ClientSecret", "auth client secret")]
    [InlineData("password2", "password 2")]
    [InlineData("_secret", "secret")]
    [InlineData("", "")]
    public void Split_HandlesEveryCasingAndSeparatorStyle(string name, string words) =>
        Assert.Equal(words, string.Join(" ", IdentifierWords.Split(name)));

    [Fact]
    public void Split_IgnoresNamesLongerThanTheBound() =>
        Assert.Empty(IdentifierWords.Split(new string('a', IdentifierWords.MaxLength + 1)));
}

public sealed class WildcardTests
{
    [Theory]
    [InlineData("TEMPLATE-VALUE", "template-*", true)]
    [InlineData("abc", "a?c", true)]
    [InlineData("abc", "a*", true)]
    [InlineData("abc", "*c", true)]
    [InlineData("abc", "*b*", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc", "b*", false)]
    [InlineData("", "*", true)]
    public void IsMatch(string text, string pattern, bool expected) => Assert.Equal(expected, Wildcard.IsMatch(text, pattern));

    [Fact]
    public void IsMatch_StaysFastOnAdversarialInput() =>
        Assert.False(Wildcard.IsMatch(new string('a', 5000), "*a*a*a*a*a*a*a*a*b"));
}

public sealed class SecretNamingTests
{
    [Theory]
    [InlineData("_dbPassword", "DB_PASSWORD", "DbPassword")]
    [InlineData("Db:Password", "DB__PASSWORD", "Db:Password")]
    [InlineData("x-api-key", "X_API_KEY", "XApiKey")]
    [InlineData("client_secret", "CLIENT_SECRET", "ClientSecret")]
    [InlineData("GitHubToken", "GITHUB_TOKEN", "GitHubToken")]
    [InlineData("_gitLabApiKey", "GITLAB_API_KEY", "GitLabApiKey")]
    [InlineData("OAuthClientSecret", "OAUTH_CLIENT_SECRET", "OAuthClientSecret")]
    [InlineData("Payments:PayPalSecret", "PAYMENTS__PAYPAL_SECRET", "Payments:PayPalSecret")]
    [InlineData("gitPassword", "GIT_PASSWORD", "GitPassword")]
    public void Names(string name, string environmentVariable, string configurationKey)
    {
        Assert.Equal(environmentVariable, SecretNaming.ToEnvironmentVariable(name));
        Assert.Equal(configurationKey, SecretNaming.ToConfigurationKey(name));
    }
}

public sealed class ProjectClassifierTests
{
    private static ProjectClassification Classify(IEnumerable<MetadataReference> extraReferences, params (string Key, string Value)[] options)
    {
        var compilation = CSharpCompilation.Create("P", references: TestReferences.Default.AddRange(extraReferences));
        return ProjectClassifier.Classify(compilation, new Options(options.ToImmutableDictionary(o => o.Key, o => o.Value)));
    }

    private static readonly MetadataReference Xunit = TestReferences.FromAssembly(typeof(FactAttribute).Assembly);

    [Fact]
    public void NoIndication_IsProduction() => Assert.Equal(ProjectKind.Production, Classify(new MetadataReference[0]).Kind);

    [Fact]
    public void IsTestProjectTrue_IsTest() =>
        Assert.Equal(ProjectKind.Test, Classify(new MetadataReference[0], ("build_property.IsTestProject", "true")).Kind);

    [Fact]
    public void IsTestProjectPresentButEmpty_IsProductionEvenWithATestFrameworkReference()
    {
        var classification = Classify(new[] { Xunit }, ("build_property.IsTestProject", ""));

        Assert.Equal(ProjectKind.Production, classification.Kind);
    }

    [Fact]
    public void WithoutMsBuildProperty_ATestFrameworkReferenceMakesATestProject()
    {
        var classification = Classify(new[] { Xunit });

        Assert.Equal(ProjectKind.Test, classification.Kind);
        Assert.Equal("references xunit.core", classification.Reason);
    }

    [Theory]
    [InlineData("production", false)]
    [InlineData("Test", true)]
    public void ExplicitOption_Wins(string value, bool expectTest) =>
        Assert.Equal(expectTest ? ProjectKind.Test : ProjectKind.Production, Classify(new[] { Xunit }, ("build_property.IsTestProject", value == "Test" ? "" : "true"), ("bastion.project_kind", value)).Kind);

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

public sealed class SymbolFactsTests
{
    private static INamespaceSymbol Namespace(string name) =>
        CSharpCompilation.Create("P", references: TestReferences.Default).GetTypeByMetadataName(name)!.ContainingNamespace;

    [Theory]
    [InlineData("System.IO.File", true)]
    [InlineData("System.IO.Pipes.PipeStream", true)]
    [InlineData("System.Collections.Generic.List`1", false)]
    [InlineData("System.String", false)]
    [InlineData("System.Net.Sockets.Socket", false)]
    public void IsWithinNamespace_IsTheNamespaceOrOneNestedInIt(string typeName, bool expected) =>
        Assert.Equal(expected, SymbolFacts.IsWithinNamespace(Namespace(typeName), "IO", "System"));

    [Fact]
    public void IsNamespace_IsExactlyTheNamespace()
    {
        Assert.True(SymbolFacts.IsNamespace(Namespace("System.IO.File"), "IO", "System"));
        Assert.False(SymbolFacts.IsNamespace(Namespace("System.IO.Pipes.PipeStream"), "IO", "System"));
    }

    [Theory]
    [InlineData("System.IO.File", "System.IO", true)]
    [InlineData("System.IO.File", "System", false)]
    [InlineData("System.IO.File", "IO", false)]
    [InlineData("System.IO.File", "System.IO.Pipes", false)]
    [InlineData("System.IO.File", "Xystem.IO", false)]
    [InlineData("System.IO.File", "System.IOX", false)]
    [InlineData("System.IO.File", ".IO", false)]
    [InlineData("System.IO.File", "", false)]
    [InlineData("System.String", "System", true)]
    [InlineData("System.String", "", false)]
    [InlineData("System.IO.Pipes.PipeStream", "System.IO.Pipes", true)]
    public void IsNamespace_ByDottedName_ComparesEveryName(string typeName, string dotted, bool expected) =>
        Assert.Equal(expected, SymbolFacts.IsNamespace(Namespace(typeName), dotted));

    [Theory]
    [InlineData("System.IO.File", "System.IO", true)]
    [InlineData("System.IO.Pipes.PipeStream", "System.IO", true)]
    [InlineData("System.IO.Pipes.PipeStream", "System", true)]
    [InlineData("System.Net.Sockets.Socket", "System.IO", false)]
    [InlineData("System.Collections.Generic.List`1", "System.Collections.Specialized", false)]
    public void IsWithinNamespace_ByDottedName_IsTheNamespaceOrOneNestedInIt(string typeName, string dotted, bool expected) =>
        Assert.Equal(expected, SymbolFacts.IsWithinNamespace(Namespace(typeName), dotted));

    [Fact]
    public void IsNamespace_ByDottedName_TheGlobalNamespaceIsOnlyTheEmptyName()
    {
        var global = CSharpCompilation.Create("P", references: TestReferences.Default).GlobalNamespace;
        Assert.True(SymbolFacts.IsNamespace(global, string.Empty));
        Assert.False(SymbolFacts.IsNamespace(global, "System"));
        Assert.False(SymbolFacts.IsNamespace(null, string.Empty));
    }

    [Fact]
    public void HasSourceDeclaration_AgreesWithDeclaringSyntaxReferencesForEveryKindOfMember()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using System;
            public record Point(int X, int Y) { public int Sum => X + Y; }
            public class Service(string name)
            {
                public string Name { get; } = name;
                public string Password { get; set; } = "";
                public event EventHandler? Changed;
                public static Service operator +(Service a, Service b) => a;
                public void Run() { Local(); void Local() { } }
            }
            public partial class Split { partial void Hook(); partial void Hook() { } }
            public struct Value { public int Field; }
            public enum Kind { A, B }
            public delegate void Handler(string value);
            public interface IStore { string Get(string key); }
            """, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("P", new[] { tree }, TestReferences.Default);
        var symbols = compilation.GetSymbolsWithName(_ => true, SymbolFilter.TypeAndMember)
            .SelectMany(s => s is INamedTypeSymbol type ? type.GetMembers().Prepend(type) : new[] { s })
            .Concat(compilation.GetSpecialType(SpecialType.System_String).GetMembers())
            .Concat(compilation.GetTypeByMetadataName("System.IO.File")!.GetMembers())
            .ToList();

        Assert.Contains(symbols, s => s.IsImplicitlyDeclared);
        foreach (var symbol in symbols)
        {
            Assert.True(!symbol.DeclaringSyntaxReferences.IsEmpty == SymbolFacts.HasSourceDeclaration(symbol), symbol.ToDisplayString());
        }
    }

    [Fact]
    public void Implements_IsFalseForAMissingType()
    {
        var compilation = CSharpCompilation.Create("P", references: TestReferences.Default);
        var stream = compilation.GetTypeByMetadataName("System.IO.MemoryStream")!;
        Assert.True(SymbolFacts.Implements(stream, compilation.GetTypeByMetadataName("System.IDisposable")));
        Assert.True(SymbolFacts.Implements(stream, compilation.GetTypeByMetadataName("System.IO.Stream")));
        Assert.False(SymbolFacts.Implements(stream, compilation.GetTypeByMetadataName("System.IComparable")));
        Assert.False(SymbolFacts.Implements(stream, null));
    }
}

public sealed class LazyTypeTests
{
    [Fact]
    public void Value_IsTheReferencedTypeOrNull_AndTheSameOnEveryRead()
    {
        var compilation = CSharpCompilation.Create("P", references: TestReferences.Default);
        var present = new LazyType(compilation, "System.Data.Common.DbConnection");
        var missing = new LazyType(compilation, "Bastion.NoSuchType");

        Assert.Equal("System.Data.Common.DbConnection", present.Value?.ToDisplayString());
        Assert.Same(present.Value, present.Value);
        Assert.Null(missing.Value);
        Assert.Null(missing.Value);
    }
}

public sealed class CredentialStemTests
{
    private static readonly string[] Stems = { "pass", "pwd", "secret", "token", "key", "cred" };

    /// <summary>The one-pass scanner answers as the six case-insensitive searches it replaced, also for characters that
    /// Unicode relates to an ASCII letter (the long s, the Kelvin sign, the dotless i), which ordinal casing keeps apart.</summary>
    [Theory]
    [InlineData("password")]
    [InlineData("DbPassWord")]
    [InlineData("PWD")]
    [InlineData("clientSecret")]
    [InlineData("refresh_TOKEN")]
    [InlineData("apiKey")]
    [InlineData("Credentials")]
    [InlineData("pa\u017F\u017F")]
    [InlineData("\u212Aey")]
    [InlineData("ke")]
    [InlineData("pas")]
    [InlineData("credi")]
    [InlineData("monkey")]
    [InlineData("toke")]
    [InlineData("secre")]
    [InlineData("user")]
    [InlineData("")]
    [InlineData("\u00E9t\u00E9Token")]
    public void HasDefaultStem_AgreesWithOrdinalIgnoreCaseSearch(string name) =>
        Assert.Equal(
            Stems.Any(stem => name.IndexOf(stem, System.StringComparison.OrdinalIgnoreCase) >= 0),
            Bastion.Analyzers.Shared.Credentials.CredentialNames.HasDefaultStem(name));

    [Fact]
    public void HasDefaultStem_AgreesWithOrdinalIgnoreCaseSearch_OnEveryShortName()
    {
        // Every name of up to three characters over an alphabet of the stems' letters in both cases and a few others.
        var alphabet = "pPaAsSwWdDeEcCrRtToOkKnNyY_\u017F\u212A\u0131";
        var names = new List<string> { string.Empty };
        for (var length = 1; length <= 3; length++)
        {
            names = names.SelectMany(prefix => alphabet.Select(c => prefix + c)).ToList();
            foreach (var name in names)
            {
                Assert.True(
                    Stems.Any(stem => name.IndexOf(stem, System.StringComparison.OrdinalIgnoreCase) >= 0) == Bastion.Analyzers.Shared.Credentials.CredentialNames.HasDefaultStem(name),
                    name);
            }
        }
    }
}
