using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Bastion.Analyzers.Secrets.ConfigurationFiles;
using Bastion.Analyzers.Shared.ConfigurationFiles;
using Bastion.Tests.Infrastructure;
using Xunit;

namespace Bastion.Tests.Secrets;

public sealed class ConfigurationFileSecretAnalyzerTests
{
    private const string Code = "class C { }";
    private const string GitHubToken = "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";

    private static BastionTest Json(string fileName, string markup) =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test(Code).WithDefaultId("BST1101").WithAdditionalFile(fileName, markup);

    private static BastionTest Xml(string fileName, string markup) =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test(Code).WithDefaultId("BST1102").WithAdditionalFile(fileName, markup);

    [Fact]
    public Task AppSettings_CredentialKeysConnectionStringsAndTokens_Report() => Json("appsettings.json", $$"""
        {
          // Comments and trailing commas, as appsettings.json allows.
          "ConnectionStrings": {
            "Orders": "Server=db;Database=shop;User Id=app;Password=[|Db-P4ssw0rd-99|];",
            "Cache": "redis://:[|Cache-Pa55|]@cache.internal:6379",
          },
          "Smtp": { "Host": "smtp.example.test", "Password": "[|M4ilP@ss-2024!|]" },
          "Payments": { "client_secret": "[|cs-8a7b6c5d9e|]" },
          "Deploy": { "Notes": "token is [|{{GitHubToken}}|]" },
          "Accounts": [ { "Name": "svc", "ApiKey": "[|k3y-9f8e7d6c5b4a|]" } ],
        }
        """).RunAsync();

    [Fact]
    public Task LaunchSettings_EnvironmentVariables_Report() => Json("launchSettings.json", """
        {
          "profiles": {
            "Shop": {
              "commandName": "Project",
              "environmentVariables": {
                "ASPNETCORE_ENVIRONMENT": "Production",
                "SHOP_ADMIN_PASSWORD": "[|Adm1n-Launch-2024|]"
              }
            }
          }
        }
        """).RunAsync();

    [Theory]
    [InlineData("\"Password\": \"\"")]
    [InlineData("\"Password\": \"<password>\"")]
    [InlineData("\"Password\": \"${DB_PASSWORD}\"")]
    [InlineData("\"Password\": \"%DB_PASSWORD%\"")]
    [InlineData("\"ApiKey\": \"@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/ApiKey/)\"")]
    [InlineData("\"PasswordPolicy\": \"Strict-2024-Rules\"")]
    [InlineData("\"TokenEndpoint\": \"https://login.example.test/oauth2/token\"")]
    [InlineData("\"Orders\": \"Server=db;Database=shop;Integrated Security=true;\"")]
    [InlineData("\"Password\": 12345678")]
    [InlineData("\"Password\": null")]
    public Task ExclusionsAndNonStrings_DoNotReport(string member) => Json("appsettings.json", "{ \"Db\": { " + member + " } }").RunAsync();

    [Fact]
    public Task DevelopmentFile_IsTheLowerSeverityRule() => Json("appsettings.Development.json", """
        { "Smtp": { "Password": "{|BST1103:M4ilP@ss-2024!|}" } }
        """).RunAsync();

    [Fact]
    public Task DevelopmentFileMarkers_Option() =>
        Json("appsettings.Local.json", """
            { "Smtp": { "Password": "{|BST1103:M4ilP@ss-2024!|}" } }
            """)
            .WithGlobalConfig("bastion.BST1103.development_file_markers = Local, Development")
            .RunAsync();

    [Fact]
    public Task TestProject_IsTheLowerSeverityRule() =>
        Json("appsettings.json", """
            { "Smtp": { "Password": "{|BST1103:M4ilP@ss-2024!|}" } }
            """)
            .WithGlobalConfig("build_property.IsTestProject = true")
            .RunAsync();

    [Fact]
    public Task OtherJsonFiles_AreNotReadUnlessDeclared() =>
        Json("package.json", """{ "Password": "M4ilP@ss-2024!" }""").RunAsync();

    [Fact]
    public Task DeclaredJsonFile_IsRead() =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test(Code).WithDefaultId("BST1101")
            .WithAdditionalFile("config/shop.json", """{ "Password": "[|M4ilP@ss-2024!|]" }""")
            .WithGlobalConfig("[/0/config/shop.json]\nbuild_metadata.AdditionalFiles.BastionConfigurationFile = true")
            .RunAsync();

    [Fact]
    public Task EscapedValue_ReportsTheWholeString() => Json("appsettings.json", """
        { "Smtp": { "Password": "[|M4il\"P@ss\\2024|]" } }
        """).RunAsync();

    [Fact]
    public Task WebConfig_EverySecretShape_Reports() => Xml("web.config", $$"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <!-- <add key="Password" value="commented-out-not-read" /> -->
          <connectionStrings>
            <add name="Orders" connectionString="Server=db;Database=shop;User Id=app;Password=[|Db-P4ssw0rd-99|];" providerName="System.Data.SqlClient" />
          </connectionStrings>
          <appSettings>
            <add key="ApiKey" value="[|k3y-9f8e7d6c5b4a|]" />
            <add key="DeployToken" value="[|{{GitHubToken}}|]" />
            <add key="Theme" value="dark" />
            <add key="ClientSecret" value="${CLIENT_SECRET}" />
          </appSettings>
          <system.web>
            <machineKey validationKey="[|A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0|]" decryptionKey="[|0F1E2D3C4B5A69788796A5B4C3D2E1F0|]" validation="HMACSHA256" />
            <identity impersonate="true" userName="SHOP\svc" password="[|Imp3rs0nate!|]" />
          </system.web>
          <system.net>
            <mailSettings><smtp><network host="smtp.example.test" userName="mailer" password="[|M4ilP@ss-2024!|]" /></smtp></mailSettings>
          </system.net>
        </configuration>
        """).RunAsync();

    [Fact]
    public Task MachineKeyAutoGenerate_DoesNotReport() => Xml("web.config", """
        <configuration><system.web><machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" /></system.web></configuration>
        """).RunAsync();

    [Fact]
    public Task XmlEntities_AreDecodedAndTheWholeValueReported() => Xml("app.config", """
        <configuration><appSettings><add key="Password" value="[|M4il&amp;P@ss-2024|]" /></appSettings></configuration>
        """).RunAsync();

    [Fact]
    public Task Message_NamesKeyAndFileAndMasksTheValue() =>
        Json("appsettings.json", """{ "Smtp": { "Password": "[|M4ilP@ss-2024!|]" } }""")
            .WithAssertion(d => Assert.Equal(
                "'Smtp:Password' in appsettings.json holds a credential (*** (14 characters)); keep it in user secrets, environment variables or a vault",
                d.Single().GetMessage()))
            .RunAsync();

    [Theory]
    [InlineData("{ \"Password\": \"M4ilP@ss")]
    [InlineData("{ \"Db\": { \"Password\"")]
    [InlineData("{{{{{{{{ ]]] ,,, :: \"\" }")]
    [InlineData("/* unterminated comment \"Password\": \"x\"")]
    [InlineData("<configuration><appSettings><add key=\"Password\" value=\"M4il")]
    [InlineData("<<<>>> </> <!-- <![CDATA[ ")]
    public Task MalformedAndTruncatedFiles_DoNotThrow(string content) =>
        AnalyzerVerifier<ConfigurationFileSecretAnalyzer>.Test(Code)
            .WithAdditionalFile(content.StartsWith('<') ? "web.config" : "appsettings.json", content)
            .OnlyCheckForExceptions()
            .RunAsync();

    [Fact]
    public void JsonScanner_HugeAndDeeplyNestedInput_IsReadInOnePass()
    {
        var deep = new string('[', 200_000) + "\"Password\"" + new string(']', 200_000);
        var huge = new StringBuilder("{");
        for (var i = 0; huge.Length < 10_000_000; i++)
        {
            huge.Append($"\"Key{i}\": \"value-{i}\", ");
        }

        huge.Append("\"Smtp\": { \"Password\": \"M4ilP@ss-2024!\" } }");
        var deepValues = new List<ConfigurationValue>();
        var hugeValues = new List<ConfigurationValue>();

        JsonScanner.Scan(deep, deepValues);
        JsonScanner.Scan(huge.ToString(), hugeValues);

        Assert.Empty(deepValues);
        Assert.Equal(JsonScanner.MaxValues, hugeValues.Count);
    }

    [Fact]
    public void JsonScanner_PathsAndSpansAreExact()
    {
        const string text = "{ \"A\": { \"B\": [ \"first\", { \"C\": \"x\\\"y\" } ] } }";
        var values = new List<ConfigurationValue>();

        JsonScanner.Scan(text, values);

        Assert.Equal(2, values.Count);
        Assert.Equal("A:B:0", values[0].Path);
        Assert.Equal("B", values[0].Key);
        var value = values[1];
        Assert.Equal("A:B:1:C", value.Path);
        Assert.Equal("x\"y", value.Value);
        Assert.Equal("x\\\"y", text.Substring(value.Start, value.Length));
    }
}
