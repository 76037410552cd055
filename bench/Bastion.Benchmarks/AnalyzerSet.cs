using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

/// <summary>A named set of analyzers, with the diagnostic options it runs under (Sonar's security subset switches the
/// other Sonar rules off, which makes the driver skip analyzers with nothing left to report).</summary>
internal sealed record AnalyzerSet(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableDictionary<string, ReportDiagnostic> Options);
