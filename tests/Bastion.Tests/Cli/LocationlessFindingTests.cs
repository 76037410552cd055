using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Bastion.Cli;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Bastion.Tests.Cli;

/// <summary>A finding about the project as a whole has no source location (BST3001: a mocking library referenced by
/// production code). Every report format shows it; SARIF gives it the project file, since code-scanning services drop
/// a result without a location.</summary>
public sealed class LocationlessFindingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bastion-locationless-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ScanResult Result()
    {
        File.WriteAllText(Path.Combine(folder, "Shop.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var descriptor = new DiagnosticDescriptor(RuleIdentifiers.TestFrameworkReferenced, "Mocking library in production", "'Moq' is referenced by a production project", "Security", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        return new ScanResult(folder, 0, 0, ImmutableArray.Create(Diagnostic.Create(descriptor, Location.None)), new List<string>());
    }

    [Fact]
    public void Text_ListsItUnderTheProjectWithoutAPosition()
    {
        using var output = new StringWriter();
        TextReport.Write(Result(), output, useColor: false);

        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  -  warning " + RuleIdentifiers.TestFrameworkReferenced + "  'Moq'", StringComparison.Ordinal));
        Assert.Contains("1 finding(s)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasItWithoutALine()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Reports.Json(Result()));
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(RuleIdentifiers.TestFrameworkReferenced, finding.GetProperty("ruleId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, finding.GetProperty("startLine").ValueKind);
    }

    [Fact]
    public void Sarif_GivesItTheProjectFile()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Reports.Sarif(Result()));
        var result = Assert.Single(document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        Assert.Equal("Shop.csproj", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }
}
