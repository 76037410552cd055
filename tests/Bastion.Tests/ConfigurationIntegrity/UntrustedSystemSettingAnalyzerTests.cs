using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedSystemSettingAnalyzer>;

namespace Bastion.Tests.ConfigurationIntegrity;

public sealed class UntrustedSystemSettingAnalyzerTests
{
    /// <summary>One case per sink form: the statements run with <c>value</c> from the console and a registry <c>key</c>.</summary>
    [Theory]
    [InlineData("EnvironmentVariableValue", "Environment.SetEnvironmentVariable(\"PATH\", [|value|]);")]
    [InlineData("EnvironmentVariableName", "Environment.SetEnvironmentVariable([|value|], \"1\", EnvironmentVariableTarget.User);")]
    [InlineData("RegistrySetValue", "Registry.SetValue([|value|], \"Proxy\", \"on\");")]
    [InlineData("RegistryKeySetValue", "key.SetValue(\"Proxy\", [|value|]);")]
    [InlineData("RegistryKeyCreateSubKey", "key.CreateSubKey([|value|]);")]
    [InlineData("AppContextSwitch", "AppContext.SetSwitch([|value|], true);")]
    [InlineData("AppDomainData", "AppDomain.CurrentDomain.SetData(\"Setting\", [|value|]);")]
    [InlineData("ChildEnvironmentIndexer", "var start = new ProcessStartInfo(\"tool\"); start.Environment[\"LD_PRELOAD\"] = [|value|];")]
    [InlineData("ChildEnvironmentAdd", "var start = new ProcessStartInfo(\"tool\"); start.Environment.Add([|value|], \"1\");")]
    [InlineData("DirectorySetCurrentDirectory", "Directory.SetCurrentDirectory([|value|]);")]
    [InlineData("EnvironmentCurrentDirectory", "Environment.CurrentDirectory = [|value|];")]
    [InlineData("CurrentCulture", "CultureInfo.CurrentCulture = [|new CultureInfo(value)|];")]
    [InlineData("ThreadCurrentUICulture", "Thread.CurrentThread.CurrentUICulture = [|CultureInfo.GetCultureInfo(value)|];")]
    public Task SinkForm_Reports(string form, string statements)
    {
        Assert.NotEmpty(form);
        return Verifier.VerifyAsync($$"""
            using System;
            using System.Diagnostics;
            using System.Globalization;
            using System.IO;
            using System.Threading;
            using Microsoft.Win32;
            class C
            {
                void M(RegistryKey key)
                {
                    var value = Console.ReadLine()!;
            #pragma warning disable CA1416
                    {{statements}}
            #pragma warning restore CA1416
                }
            }
            """);
    }

    [Fact]
    public Task ConstantsAndValidatedValues_DoNotReport() => Verifier.VerifyAsync("""
        using System;
        using System.Globalization;
        class C
        {
            private static readonly string[] Cultures = { "en-GB", "fr-FR" };
            void M()
            {
                Environment.SetEnvironmentVariable("MODE", "batch");
                var culture = Console.ReadLine()!;
                if (Array.IndexOf(Cultures, culture) >= 0 || culture == "de-DE")
                {
                }

                if (((System.Collections.Generic.IList<string>)Cultures).Contains(culture))
                {
                    CultureInfo.CurrentCulture = new CultureInfo(culture);
                }

                if (int.TryParse(Console.ReadLine(), out var lcid))
                {
                    CultureInfo.CurrentCulture = new CultureInfo(lcid);
                }
            }
        }
        """);
}
