using System.Threading.Tasks;
using Bastion.Analyzers.Secrets.ConfigurationFiles;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Secrets;

/// <summary>Configuration files as real projects write them: credentials as XML element text, Entity Framework's
/// connection strings quoted inside connection strings, credential keys at any depth and inside arrays; and their safe
/// twins: a word under an ambiguous key, prose under a credential key, an array of hints.</summary>
public sealed class ConfigurationFileShapeTests
{
    private static BastionTest Json(string markup) =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test("class C { }").WithDefaultId("BST1101").WithAdditionalFile("appsettings.json", markup);

    private static BastionTest Xml(string markup) =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test("class C { }").WithDefaultId("BST1102").WithAdditionalFile("app.config", markup);

    [Fact]
    public Task XmlElementText_UnderACredentialName_Reports() => Xml("""
        <configuration>
          <smtp>
            <Host>smtp.example.test</Host>
            <Password>[|Smtp-Pa55word!|]</Password>
            <AuthToken>
              [|Zq8Lm2Xv9Tr4Wb7Nk3Yd5Hj6|]
            </AuthToken>
          </smtp>
        </configuration>
        """).RunAsync();

    [Fact]
    public Task XmlElementText_SafeTwins_DoNotReport() => Xml("""
        <configuration>
          <parser>
            <Token>hdtv</Token>
            <Secret>Bearer</Secret>
            <PasswordPolicy>Strict-2024-Rules</PasswordPolicy>
            <Password>${SMTP_PASSWORD}</Password>
            <PasswordHint>Use at least 12 characters</PasswordHint>
            <Password><Source>vault</Source></Password>
          </parser>
        </configuration>
        """).RunAsync();

    [Fact]
    public Task EntityFrameworkConnectionString_QuotedInside_ReportsThePassword() => Xml("""
        <configuration>
          <connectionStrings>
            <add name="ShopEntities" providerName="System.Data.EntityClient" connectionString="metadata=res://*/Shop.csdl|res://*/Shop.ssdl|res://*/Shop.msl;provider=System.Data.SqlClient;provider connection string=&quot;data source=db;initial catalog=shop;user id=app;password=[|Ef-P4ssw0rd-99|];MultipleActiveResultSets=True&quot;" />
            <add name="Integrated" providerName="System.Data.EntityClient" connectionString="metadata=res://*/Shop.csdl;provider=System.Data.SqlClient;provider connection string=&quot;data source=db;initial catalog=shop;integrated security=True&quot;" />
          </connectionStrings>
        </configuration>
        """).RunAsync();

    [Fact]
    public Task JsonCredentials_AtAnyDepthAndInArraysOfObjects_Report() => Json("""
        {
          "Services": [
            { "Name": "mail", "Password": "[|Mail-Pa55word!|]" },
            { "Name": "sms", "Credentials": { "ApiKey": "[|sk9Lm2Xv9Tr4Wb7Nk3Yd5Hj6Q|]" } }
          ],
          "Deep": { "A": { "B": { "C": { "ClientSecret": "[|x7Hq~8Qz.Lm2Xv9Tr4Wb7Nk3Yd5Hj6|]" } } } },
          "Tokens": { "Token": "[|Zq8Lm2Xv9Tr4Wb7Nk3Yd5Hj6|]" }
        }
        """).RunAsync();

    [Fact]
    public Task JsonSafeTwins_ProseArraysAndWordsUnderAmbiguousKeys_DoNotReport() => Json("""
        {
          "Password": [ "Use at least 12 characters", "Mix upper and lower case" ],
          "Rules": [ { "Token": "hdtv", "Weight": 2 }, { "Token": "web-dl", "Weight": 1 } ],
          "Messages": { "Password": "Nothing to see here", "Token": "Token:" }
        }
        """).RunAsync();
}
