using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Bastion.Cli;
using Bastion.Tests.Catalogue;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Bastion.Tests.Cli;

public sealed class CliTests
{
    private static readonly string Sample = RepositoryPaths.Combine("samples", "VulnerableShop");

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ScanSample_ReportsEveryHardcodedSecretAndExitsWithFindings()
    {
        var (exitCode, output, error) = await RunAsync("scan", Sample);

        Assert.Equal(CommandLine.Findings, exitCode);
        Assert.Equal(string.Empty, error);
        foreach (var (file, line) in new[] { ("OrderRepository.cs", 15), ("OrderRepository.cs", 21), ("AdminGate.cs", 10), ("PaymentClient.cs", 8), ("SmtpMailer.cs", 11) })
        {
            Assert.Matches(new Regex($@"{Regex.Escape(file)}\n(  .*\n)*  {line}:\d+  warning BST1001 "), output);
        }

        Assert.Matches(new Regex(@"OrderRepository\.cs\n  9:\d+  warning BST1002 "), output);
        Assert.Matches(new Regex(@"appsettings\.json\n  4:80  warning BST1101  'ConnectionStrings:Orders' .*\n  7:16  warning BST1101 "), output);
        Assert.Matches(new Regex(@"launchSettings\.json\n  8:33  warning BST1101 "), output);
        Assert.Matches(new Regex(@"web\.config\n  11:\d+  warning BST1102  'ShopDb__Password' "), output);
        Assert.Matches(new Regex(@"AdminGate\.cs\n  10:\d+  warning BST1001 .*\n  16:13  warning BST3003  'IsAdministrator' succeeds when an environment variable is set"), output);
        Assert.Matches(new Regex(@"Program\.cs\n  22:\d+  warning BST3004 .*\n  28:\d+  warning BST3005 "), output);
        Assert.Matches(new Regex(@"TokenProtector\.cs\n  17:\d+  warning BST1006 .*\n  25:\d+  warning BST1006 .*\n(  .*\n)*  36:\d+  warning BST1005 "), output);
        foreach (var line in new[] { 11, 17 })
        {
            Assert.Matches(new Regex($@"ReleaseNotifier\.cs\n(  .*\n)*  {line}:\d+  warning BST1003 "), output);
        }

        Assert.Matches(new Regex(@"TenantController\.cs\n  20:42  warning BST2001  Untrusted data from action parameter 'tenant' reaches DbConnectionStringBuilder\.ConnectionString through 'OrderRepository\.Connection'.*\n  28:38  warning BST2002  Untrusted data from action parameter 'theme' is written to IConfiguration\[key\]"), output);
        Assert.Matches(new Regex(@"Program\.cs\n(  .*\n)*  33:\d+  warning BST2003  Untrusted data from HttpRequest\.Query reaches Environment\.SetEnvironmentVariable"), output);
        Assert.Matches(new Regex(@"AccountController\.cs\n(  .*\n)*  20:86  warning BST4001  'password' is written to the log by ILogger\.LogInformation.*\n(  .*\n)*  34:31  warning BST4002  The exception's ToString\(\) reaches ControllerBase\.BadRequest"), output);
        Assert.Matches(new Regex(@"TokenProtector\.cs\n(  .*\n)*  30:9  warning BST4003  A CryptographicException is swallowed"), output);
        Assert.Matches(new Regex(@"CatalogController\.cs\n  20:31  warning BST5001  Untrusted data from action parameter 'term' reaches DbCommand\.CommandText.*\n  26:62  warning BST5005 .*\n  30:61  warning BST5006 .*\n\n"), output);
        Assert.Contains("27 finding(s) in 10 C# file(s) and 3 configuration file(s): BST1001 ×5, BST1002 ×1, BST1003 ×2, BST1005 ×1, BST1006 ×2, BST1101 ×3, BST1102 ×1, BST2001 ×1, BST2002 ×1, BST2003 ×1, BST3003 ×1, BST3004 ×1, BST3005 ×1, BST4001 ×1, BST4002 ×1, BST4003 ×1, BST5001 ×1, BST5005 ×1, BST5006 ×1.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public async Task ScanSample_NeverPrintsASecretOfTheSample(string format)
    {
        var (_, raw, _) = await RunAsync("scan", Sample, "--format", format);
        var output = format == "text" ? raw : raw + "\n" + System.Text.RegularExpressions.Regex.Unescape(raw);

        foreach (var secret in new[] { "Db-P4ssw0rd-99", "rpt-7f3c9a1e5b2d8046", "Sup3rS3cret-Backd00r", "pk_fake_8Hq2LmZ4vX9rT1wB6nC3yD5e", "M4ilP@ss-2024!", "shop-master-material-2024-v1", "Backup-Acc0unt-Pa55", "Adm1n-Launch-2024", "Iis-Env-Pa55word", "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", "WmjfRcFz4u2eQKnK6SeR6F4G" })
        {
            for (var i = 0; i + 8 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 8), output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task JsonFormat_ListsEveryFindingWithLocationCweAndFingerprint()
    {
        var (exitCode, output, _) = await RunAsync("scan", Sample, "--format", "json");

        Assert.Equal(CommandLine.Findings, exitCode);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(27, findings.Count);
        var key = findings.First(f => f.GetProperty("ruleId").GetString() == "BST1006");
        Assert.Equal("Services/TokenProtector.cs", key.GetProperty("path").GetString());
        Assert.Equal(17, key.GetProperty("startLine").GetInt32());
        Assert.Equal("CWE-321", key.GetProperty("cwe")[0].GetString());
        Assert.Equal(32, key.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal(findings.Count, findings.Select(f => f.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task SarifFormat_IsSarif210WithRulesCweSeverityAndRelatedLocations()
    {
        var (exitCode, output, _) = await RunAsync("scan", Sample, "--format", "sarif");

        Assert.Equal(CommandLine.Findings, exitCode);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(document.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalogIds(), rules.Select(r => r.GetProperty("id").GetString()).ToList());
        Assert.All(rules, r =>
        {
            Assert.Contains(r.GetProperty("properties").GetProperty("tags").EnumerateArray(), t => t.GetString()!.StartsWith("external/cwe/cwe-", StringComparison.Ordinal));
            Assert.True(double.TryParse(r.GetProperty("properties").GetProperty("security-severity").GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.EndsWith(".md", r.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        });
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(27, results.Count);
        var flow = results.Single(r => r.GetProperty("ruleId").GetString() == "BST1005");
        Assert.True(flow.GetProperty("relatedLocations").GetArrayLength() > 0);
        var taint = results.Single(r => r.GetProperty("ruleId").GetString() == "BST2001");
        Assert.Equal(2, taint.GetProperty("relatedLocations").GetArrayLength());
        Assert.All(results, r => Assert.True(r.GetProperty("partialFingerprints").TryGetProperty("bastionFingerprint/v1", out _)));
    }

    [Fact]
    public async Task Scan_AConstantUsedBySinksInTwoMethods_IsReportedAtEachSinkNamingTheConstant()
    {
        // TokenProtector's key field is used by Protect and Unprotect: one finding on each use, both pointing back at
        // the field's initializer, so the SARIF result lands on the line that uses the key.
        var (exitCode, output, _) = await RunAsync("scan", Sample, "--format", "sarif");

        Assert.Equal(CommandLine.Findings, exitCode);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString() == "BST1006").ToList();
        static int Line(System.Text.Json.JsonElement location) => location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32();
        Assert.Equal(new[] { 17, 25 }, results.Select(r => Line(r.GetProperty("locations")[0])).ToArray());
        Assert.All(results, r => Assert.Equal(10, Line(r.GetProperty("relatedLocations")[0])));
    }

    [Fact]
    public async Task UnreadableOrBinarySourceFiles_AreNamedAndSkipped_AndTheScanGoesOn()
    {
        var folder = Directory.CreateTempSubdirectory("bastion-unreadable-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "A.cs"), "class A { const string Password = \"Winter-2024-Canary!\"; }");
            // A link to nowhere: listed as a .cs file, impossible to read (permissions do not stop root, this does).
            File.CreateSymbolicLink(Path.Combine(folder, "Broken.cs"), Path.Combine(folder, "missing", "target.cs"));
            File.WriteAllBytes(Path.Combine(folder, "Blob.cs"), new byte[] { 0x4D, 0x5A, 0x00, 0x00, 0x03, 0x00 });
            var report = Path.Combine(folder, "report.sarif");

            var (exitCode, output, error) = await RunAsync("scan", folder, "--format", "sarif", "--output", report);

            Assert.Equal(CommandLine.Findings, exitCode);
            Assert.Contains("bastion: warning: cannot read 'Broken.cs'", error, StringComparison.Ordinal);
            Assert.Contains("bastion: warning: 'Blob.cs' is not a text file; skipped.", error, StringComparison.Ordinal);
            Assert.Contains("BST1001", File.ReadAllText(report), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Output_IsWrittenWhole_AndBadInputLeavesNoFile()
    {
        var folder = Directory.CreateTempSubdirectory("bastion-out-").FullName;
        try
        {
            var target = Path.Combine(folder, "report.sarif");
            var (exitCode, output, _) = await RunAsync("scan", Sample, "--format", "sarif", "--output", target);
            Assert.Equal(CommandLine.Findings, exitCode);
            Assert.Equal(string.Empty, output);
            using (var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(target)))
            {
                Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
            }

            var missing = Path.Combine(folder, "missing.sarif");
            var (badExit, _, error) = await RunAsync("scan", "/no/such/folder", "--format", "sarif", "--output", missing);
            Assert.Equal(CommandLine.UsageError, badExit);
            Assert.Contains("does not exist", error, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));

            var (noDirExit, _, noDirError) = await RunAsync("scan", Sample, "--output", Path.Combine(folder, "nope", "report.txt"));
            Assert.Equal(CommandLine.UsageError, noDirExit);
            Assert.Contains("cannot write", noDirError, StringComparison.Ordinal);
            Assert.Equal(new[] { "report.sarif" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string?> RuleCatalogIds() =>
        Bastion.Tests.Catalogue.RuleCatalog.Rules.Select(r => (string?)r.Id).ToList();

    [Fact]
    public void Sample_CompilesAgainstTheSharedFramework()
    {
        var trees = Directory.EnumerateFiles(Sample, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: p));
        var compilation = CSharpCompilation.Create("Sample", trees, TestReferences.Default, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public async Task EditorConfigSeverity_AppliesInFolderMode()
    {
        var folder = Directory.CreateTempSubdirectory("bastion-cli-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "A.cs"), "class A { string password = \"Winter2024!\"; }");
            File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.BST1001.severity = none\n");

            var (exitCode, output, _) = await RunAsync("scan", folder);

            Assert.Equal(CommandLine.Clean, exitCode);
            Assert.Contains("No findings in 1 C# file(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task FailOnNever_ExitsCleanWithFindings()
    {
        var (exitCode, output, _) = await RunAsync("scan", Sample, "--fail-on", "never");

        Assert.Equal(CommandLine.Clean, exitCode);
        Assert.Contains("BST1001", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "Usage")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "scan" }, "scan needs a folder")]
    [InlineData(new[] { "scan", "/no/such/folder/anywhere" }, "does not exist")]
    [InlineData(new[] { "scan", ".", "--fail-on", "sometimes" }, "--fail-on takes warning, error or never")]
    [InlineData(new[] { "scan", ".", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "scan", ".", "--format", "xml" }, "--format takes text, json or sarif")]
    public async Task BadInput_GivesAClearMessageAndExitCode2(string[] args, string message)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Rules_ListsEveryRuleWithItsCwe()
    {
        var (exitCode, output, _) = await RunAsync("rules");

        Assert.Equal(CommandLine.Clean, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Equal(RuleCatalog.Rules.Length, lines.Count - 1);
        Assert.Matches(@"^BST1001 +warning +CWE-798,CWE-259 +yes +Hard-coded credential", lines.Single(l => l.StartsWith("BST1001", StringComparison.Ordinal)));
        Assert.Matches(@"^BST2002 +warning +CWE-15 +no ", lines.Single(l => l.StartsWith("BST2002", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("BST0001", StringComparison.Ordinal));

        // The levels are the README's: each rule's default as .editorconfig names it.
        foreach (var rule in RuleCatalog.Rules)
        {
            Assert.Matches($"^{rule.Id} +{RuleCatalog.DefaultSeverity(rule)} ", lines.Single(l => l.StartsWith(rule.Id, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Baseline_RoundTrip_ReportsOnlyNewFindings()
    {
        var folder = Directory.CreateTempSubdirectory("bastion-baseline-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Old.cs"), "class Old { const string Password = \"Winter-2024-Old!\"; }");
            var baseline = Path.Combine(folder, "bastion.baseline.json");
            var (baselineExit, _, baselineError) = await RunAsync("baseline", folder, "--output", baseline);
            Assert.Equal(CommandLine.Clean, baselineExit);
            Assert.Equal(string.Empty, baselineError);
            var written = File.ReadAllText(baseline);
            Assert.DoesNotContain("Winter-2", written, StringComparison.Ordinal);
            Assert.Contains("\"ruleId\": \"BST1001\"", written, StringComparison.Ordinal);

            var (cleanExit, cleanOutput, _) = await RunAsync("scan", folder, "--baseline", baseline);
            Assert.Equal(CommandLine.Clean, cleanExit);
            Assert.Contains("No new findings", cleanOutput, StringComparison.Ordinal);
            Assert.Contains("1 finding(s) in the baseline not shown.", cleanOutput, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "New.cs"), "class New { const string Token = \"Summer-2025-New!\"; }");
            var (newExit, newOutput, _) = await RunAsync("scan", folder, "--baseline", baseline);
            Assert.Equal(CommandLine.Findings, newExit);
            Assert.Contains("New.cs", newOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Old.cs", newOutput, StringComparison.Ordinal);
            Assert.Contains("1 new finding(s)", newOutput, StringComparison.Ordinal);

            var (_, sarif, _) = await RunAsync("scan", folder, "--baseline", baseline, "--format", "sarif");
            using var document = System.Text.Json.JsonDocument.Parse(sarif);
            var result = Assert.Single(document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
            Assert.Equal("new", result.GetProperty("baselineState").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{ \"findings\": [] }")]
    [InlineData("{ \"baselineVersion\": 1, \"findings\": [ { \"ruleId\": \"BST1001\" } ] }")]
    public async Task InvalidBaseline_IsAUsageError_AndNoReportIsWritten(string content)
    {
        var folder = Directory.CreateTempSubdirectory("bastion-badbaseline-").FullName;
        try
        {
            var baseline = Path.Combine(folder, "baseline.json");
            File.WriteAllText(baseline, content);
            var report = Path.Combine(folder, "report.sarif");
            var (exitCode, output, error) = await RunAsync("scan", Sample, "--baseline", baseline, "--format", "sarif", "--output", report);
            Assert.Equal(CommandLine.UsageError, exitCode);
            Assert.Equal(string.Empty, output);
            Assert.Contains("baseline", error, StringComparison.Ordinal);
            Assert.False(File.Exists(report));
            Assert.Single(Directory.EnumerateFiles(folder));

            var (missingExit, _, missingError) = await RunAsync("scan", Sample, "--baseline", Path.Combine(folder, "missing.json"));
            Assert.Equal(CommandLine.UsageError, missingExit);
            Assert.Contains("cannot read baseline", missingError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task BaselineWithoutOutput_IsAUsageError()
    {
        var (exitCode, _, error) = await RunAsync("baseline", Sample);
        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("--output", error, StringComparison.Ordinal);
    }
}
