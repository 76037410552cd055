using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedConfigurationWriteAnalyzer>;

namespace Bastion.Tests.ConfigurationIntegrity;

public sealed class UntrustedConfigurationWriteAnalyzerTests
{
    private static BastionTest Test(string source) => Verifier.Test(source).WithReferences(typeof(System.Configuration.ConfigurationManager));

    [Fact]
    public Task SystemConfigurationWrites_Report() => Test("""
        using System;
        using System.Configuration;
        class C
        {
            void M()
            {
                var value = Console.ReadLine()!;
                var configuration = ConfigurationManager.OpenExeConfiguration(ConfigurationUserLevel.None);
                configuration.AppSettings.Settings.Add("Theme", [|value|]);
                configuration.AppSettings.Settings["Theme"].Value = [|value|];
                configuration.ConnectionStrings.ConnectionStrings.Add(new ConnectionStringSettings("Shop", [|value|]));
                configuration.Save();
                ConfigurationManager.AppSettings.Set("Theme", [|value|]);
                ConfigurationManager.AppSettings[[|value|]] = "dark";
            }
        }
        """).RunAsync();

    [Fact]
    public Task ConfigurationEntriesBuiltFromUntrustedData_Report() => Test("""
        using System;
        using System.Configuration;
        class C
        {
            void M(Configuration configuration)
            {
                var element = new KeyValueConfigurationElement("Theme", Console.ReadLine()!);
                configuration.AppSettings.Settings.Add([|element|]);
            }
        }
        """).RunAsync();

    [Fact]
    public Task MicrosoftExtensionsConfigurationWrites_Report() => Test("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        class C
        {
            void M(HttpRequest request, IConfiguration configuration, IConfigurationRoot root)
            {
                configuration["Features:Beta"] = [|request.Query["beta"]|];
                root.GetSection("Features").Value = [|request.Query["features"]|];
                configuration[[|request.Query["key"]!|]] = "on";
            }
        }
        """).RunAsync();

    [Fact]
    public Task ConfigurationFilesRewritten_Report() => Test("""
        using System;
        using System.IO;
        using System.Text.Json.Nodes;
        using System.Xml;
        class C
        {
            void M(string directory)
            {
                var value = Console.ReadLine()!;
                File.WriteAllText(Path.Combine(directory, "appsettings.Production.json"), [|"{ \"Theme\": \"" + value + "\" }"|]);
                File.AppendAllText("service.ini", [|"theme=" + value|]);
                File.WriteAllLines(".env", [|new[] { "THEME=" + value }|]);

                var document = new XmlDocument();
                document.Load("web.config");
                var node = document.SelectSingleNode("/configuration/appSettings/add")!;
                ((XmlElement)node).SetAttribute("value", value);
                [|document|].Save("web.config");

                var json = JsonNode.Parse(File.ReadAllText("appsettings.json"))!;
                json["Theme"] = value;
                File.WriteAllText("appsettings.json", [|json.ToJsonString()|]);
            }
        }
        """).RunAsync();

    [Fact]
    public Task OtherFilesAndValidatedValues_DoNotReport() => Test("""
        using System;
        using System.Configuration;
        using System.IO;
        class C
        {
            void M()
            {
                var value = Console.ReadLine()!;
                File.WriteAllText("notes.txt", value);
                File.WriteAllText("appsettings.json", "{ }");
                if (value is "dark" or "light")
                {
                    ConfigurationManager.AppSettings.Set("Theme", value);
                }

                ConfigurationManager.AppSettings.Set("Theme", "dark");
            }
        }
        """).RunAsync();
}
