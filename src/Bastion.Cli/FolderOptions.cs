using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Cli;

/// <summary>The analyzer options of a folder-mode compilation, as a build computes them: the <c>.editorconfig</c> and
/// <c>.globalconfig</c> files that apply to each source, plus the build properties the package makes visible.</summary>
internal static class FolderOptions
{
    internal sealed class TreeOptionsProvider(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> options, AnalyzerConfigOptionsResult global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            if (options.TryGetValue(tree, out var result) && result.TreeOptions.TryGetValue(diagnosticId, out severity))
            {
                return true;
            }

            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            global.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    /// <summary>Per-source options from the configuration files, with the project's build properties
    /// (<c>build_property.*</c>) under them, in the global options and in every source's, as a build passes them.</summary>
    internal sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> treeOptions;
        private readonly AnalyzerConfigSet set;
        private readonly ImmutableDictionary<string, string> buildProperties;

        public ConfigOptionsProvider(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> treeOptions, AnalyzerConfigSet set, ImmutableDictionary<string, string> buildProperties)
        {
            this.treeOptions = treeOptions;
            this.set = set;
            this.buildProperties = buildProperties;
            GlobalOptions = Options(set.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            Options(treeOptions.TryGetValue(tree, out var result) ? result.AnalyzerOptions : set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            Options(set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

        private DictionaryOptions Options(ImmutableDictionary<string, string> values) =>
            new(buildProperties.IsEmpty ? values : buildProperties.SetItems(values));
    }

    /// <summary>The options of a project or folder, plus the build property the package sets in a command-line build
    /// (<c>BastionDeferCallGraphSearch</c>): the rules whose search across methods can wait for compilation end let it
    /// wait, instead of binding callees ahead of the driver. A project's own value, or Bastion's
    /// <c>bastion.dataflow.defer_call_graph_search</c> option, still decides.</summary>
    internal sealed class AsCommandLineBuild(AnalyzerConfigOptionsProvider inner) : AnalyzerConfigOptionsProvider
    {
        private const string DeferProperty = "build_property.BastionDeferCallGraphSearch";

        public override AnalyzerConfigOptions GlobalOptions { get; } = new WithDefault(inner.GlobalOptions, DeferProperty, "true");

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner.GetOptions(textFile);

        internal sealed class WithDefault(AnalyzerConfigOptions options, string key, string value) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string name, out string result)
            {
                if (options.TryGetValue(name, out result!) && !(name == key && string.IsNullOrWhiteSpace(result)))
                {
                    return true;
                }

                result = value;
                return name == key;
            }

            public override IEnumerable<string> Keys => options.Keys.Append(key).Distinct(StringComparer.Ordinal);
        }
    }

    internal sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
