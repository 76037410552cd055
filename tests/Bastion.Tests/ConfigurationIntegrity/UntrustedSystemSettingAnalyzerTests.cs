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
        return Verifier.VerifyAsync(InAMethod(statements));
    }

    /// <summary>A method with <c>value</c> from the console, a registry key and an allow-list of cultures at hand.</summary>
    private static string InAMethod(string statements) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Globalization;
        using System.IO;
        using System.Threading;
        using Microsoft.Win32;
        class C
        {
            private static readonly string[] Cultures = { "en-GB", "fr-FR" };

            void M(RegistryKey key)
            {
                var value = Console.ReadLine()!;
        #pragma warning disable CA1416
                {{statements}}
        #pragma warning restore CA1416
            }
        }
        """;

    /// <summary>One case per exclusion, in the same method as the sink forms.</summary>
    [Theory]
    [InlineData("ConstantValue", "Environment.SetEnvironmentVariable(\"MODE\", \"batch\");")]
    [InlineData("MemberOfAConstantList", "if (((IList<string>)Cultures).Contains(value)) { CultureInfo.CurrentCulture = new CultureInfo(value); }")]
    [InlineData("IndexOfAConstantList", "if (Array.IndexOf(Cultures, value) >= 0) { CultureInfo.CurrentCulture = new CultureInfo(value); }")]
    [InlineData("FoundInAConstantListByIndex", "if (((IList<string>)Cultures).IndexOf(value) != -1) { CultureInfo.CurrentCulture = new CultureInfo(value); }")]
    [InlineData("FoundByIndexWrittenTheOtherWay", "if (!(Array.IndexOf(Cultures, value) < 0)) { CultureInfo.CurrentCulture = new CultureInfo(value); }")]
    [InlineData("ComparedWithAConstant", "if (value == \"de-DE\") { CultureInfo.CurrentCulture = new CultureInfo(value); }")]
    [InlineData("ParsedToANumber", "if (int.TryParse(value, out var lcid)) { CultureInfo.CurrentCulture = new CultureInfo(lcid); }")]
    public Task Exclusion_DoesNotReport(string exclusion, string statements)
    {
        Assert.NotEmpty(exclusion);
        return Verifier.VerifyAsync(InAMethod(statements));
    }

    [Fact]
    public Task IndexChecksThatProveNothing_StillReport() => Verifier.VerifyAsync("""
        using System;
        using System.Globalization;
        class C
        {
            private static readonly string[] Cultures = { "en-GB", "fr-FR" };

            void M()
            {
                var value = Console.ReadLine()!;
                if (Array.IndexOf(Cultures, value) >= -1)
                {
                    CultureInfo.CurrentCulture = [|new CultureInfo(value)|];
                }

                if (value.IndexOf("GB", StringComparison.Ordinal) >= 0)
                {
                    CultureInfo.CurrentCulture = [|new CultureInfo(value)|];
                }
            }
        }
        """);
}
