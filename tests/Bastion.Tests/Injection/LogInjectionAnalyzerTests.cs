using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.LogInjectionAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class LogInjectionAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(typeof(NLog.Logger), typeof(Serilog.Log)).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using Microsoft.Extensions.Logging;
        class C
        {
            private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
            void M(ILogger logger)
            {
                var user = Console.ReadLine();
                Log.Warn([|"Login failed for " + user|]);
                logger.LogWarning([|$"Login failed for {user}"|]);
                Serilog.Log.Information([|"Login failed for " + user|]);
                System.Diagnostics.Trace.TraceWarning([|"Login failed for " + user|]);
            }
        }
        """);

    [Fact]
    public Task StructuredTemplates_DoNotReport() => Verify("""
        using System;
        using Microsoft.Extensions.Logging;
        class C
        {
            private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
            void M(ILogger logger)
            {
                var user = Console.ReadLine();
                Log.Warn("Login failed for {User}", user);
                logger.LogWarning("Login failed for {User}", user);
                Serilog.Log.Information("Login failed for {User}", user);
            }
        }
        """);
}
