using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Benchmarks;

/// <summary>Global options only, as MSBuild hands a project's compiler-visible properties to the analyzers.</summary>
internal sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
{
    public GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) => GlobalOptions = new Options(values);

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> values;

        public Options(IReadOnlyDictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
