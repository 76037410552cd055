using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConfigurationWriteAnalyzer>;

namespace Bastion.Tests.ConfigurationIntegrity;

public sealed class UntrustedConfigurationWriteAnalyzerTests
{
    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(typeof(System.Configuration.ConfigurationManager));

    /// <summary>One case per sink form: the statements run in a method that has <c>value</c> from the console and
    /// <c>request</c>, <c>configuration</c>, <c>root</c> and <c>exe</c> at hand.</summary>
    [Theory]
    [InlineData("AppSettingsCollectionAdd", "exe.AppSettings.Settings.Add(\"Theme\", [|value|]);")]
    [InlineData("AppSettingsElementValue", "exe.AppSettings.Settings[\"Theme\"].Value = [|value|];")]
    [InlineData("AppSettingsElementAdded", "var element = new KeyValueConfigurationElement(\"Theme\", value); exe.AppSettings.Settings.Add([|element|]);")]
    [InlineData("NewConnectionStringSettings", "exe.ConnectionStrings.ConnectionStrings.Add(new ConnectionStringSettings(\"Shop\", [|value|]));")]
    [InlineData("ConfigurationManagerAppSettingsSet", "ConfigurationManager.AppSettings.Set(\"Theme\", [|value|]);")]
    [InlineData("ConfigurationManagerAppSettingsKey", "ConfigurationManager.AppSettings[[|value|]] = \"dark\";")]
    [InlineData("IConfigurationIndexerValue", "configuration[\"Features:Beta\"] = [|request.Query[\"beta\"]|];")]
    [InlineData("IConfigurationIndexerKey", "configuration[[|request.Query[\"key\"]!|]] = \"on\";")]
    [InlineData("IConfigurationSectionValue", "root.GetSection(\"Features\").Value = [|request.Query[\"features\"]|];")]
    [InlineData("JsonFileWritten", "File.WriteAllText(Path.Combine(\"etc\", \"appsettings.Production.json\"), [|\"{ \\\"Theme\\\": \\\"\" + value + \"\\\" }\"|]);")]
    [InlineData("IniFileAppended", "File.AppendAllText(\"service.ini\", [|\"theme=\" + value|]);")]
    [InlineData("EnvFileLines", "File.WriteAllLines(\".env\", [|new[] { \"THEME=\" + value }|]);")]
    [InlineData("XmlConfigurationSaved", "var document = new XmlDocument(); document.Load(\"web.config\"); ((XmlElement)document.SelectSingleNode(\"/configuration/appSettings/add\")!).SetAttribute(\"value\", value); [|document|].Save(\"web.config\");")]
    [InlineData("JsonNodeSaved", "var json = JsonNode.Parse(File.ReadAllText(\"appsettings.json\"))!; json[\"Theme\"] = value; File.WriteAllText(\"appsettings.json\", [|json.ToJsonString()|]);")]
    public Task SinkForm_Reports(string form, string statements)
    {
        Assert.NotEmpty(form);
        return Test(InAMethod(statements)).RunAsync();
    }

    private static string InAMethod(string statements) => $$"""
            using System;
            using System.Configuration;
            using System.IO;
            using System.Text.Json.Nodes;
            using System.Xml;
            using Microsoft.AspNetCore.Http;
            using ConfigurationManager = System.Configuration.ConfigurationManager;
            using IConfiguration = Microsoft.Extensions.Configuration.IConfiguration;
            using IConfigurationRoot = Microsoft.Extensions.Configuration.IConfigurationRoot;
            class C
            {
                void M(HttpRequest request, IConfiguration configuration, IConfigurationRoot root)
                {
                    var value = Console.ReadLine()!;
                    var exe = ConfigurationManager.OpenExeConfiguration(ConfigurationUserLevel.None);
                    {{statements}}
                }
            }
            """;

    /// <summary>One case per exclusion, in the same method as the sink forms.</summary>
    [Theory]
    [InlineData("AFileThatIsNotConfiguration", "File.WriteAllText(\"notes.txt\", value);")]
    [InlineData("ConstantTextInAConfigurationFile", "File.WriteAllText(\"appsettings.json\", \"{ }\");")]
    [InlineData("ValueFromAnAllowList", "if (value is \"dark\" or \"light\") { ConfigurationManager.AppSettings.Set(\"Theme\", value); }")]
    [InlineData("ConstantSetting", "ConfigurationManager.AppSettings.Set(\"Theme\", \"dark\");")]
    public Task Exclusion_DoesNotReport(string exclusion, string statements)
    {
        Assert.NotEmpty(exclusion);
        return Test(InAMethod(statements)).RunAsync();
    }
}
