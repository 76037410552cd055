using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.ConfigurationIntegrity.UntrustedSystemSettingAnalyzer>;

namespace Bastion.Tests.ConfigurationIntegrity;

public sealed class UntrustedSystemSettingAnalyzerTests
{
    [Fact]
    public Task EverySinkForm_Reports() => Verifier.VerifyAsync("""
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
                Environment.SetEnvironmentVariable("PATH", [|value|]);
                Environment.SetEnvironmentVariable([|value|], "1", EnvironmentVariableTarget.User);
        #pragma warning disable CA1416
                Registry.SetValue([|value|], "Proxy", "on");
                key.SetValue("Proxy", [|value|]);
                key.CreateSubKey([|value|]);
        #pragma warning restore CA1416
                AppContext.SetSwitch([|value|], true);
                AppDomain.CurrentDomain.SetData("Setting", [|value|]);
                var start = new ProcessStartInfo("tool");
                start.Environment["LD_PRELOAD"] = [|value|];
                start.Environment.Add([|value|], "1");
                Directory.SetCurrentDirectory([|value|]);
                Environment.CurrentDirectory = [|value|];
                CultureInfo.CurrentCulture = [|new CultureInfo(value)|];
                Thread.CurrentThread.CurrentUICulture = [|CultureInfo.GetCultureInfo(value)|];
            }
        }
        """);

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
