using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1001: a constant string given to something whose name says it holds a credential — a variable,
/// field, property, parameter (default or argument), return value, initializer member, dictionary entry or
/// equality check.</summary>
public sealed class HardcodedCredentialAnalyzer : BastionAnalyzer
{
    public const string TargetNameProperty = Dataflow.ConstantSinkAnalysis.TargetNameProperty;

    /// <summary>Set when the value a fix replaces is not at the finding but at its first additional location (a
    /// constant used by a sink further down the file).</summary>
    public const string ValueAtFirstAdditionalLocationProperty = Dataflow.ConstantSinkAnalysis.ValueAtFirstAdditionalLocationProperty;

    internal const string AdditionalWordsOption = "additional_credential_words";
    internal const string ExcludedWordsOption = "excluded_credential_words";
    internal const string PlaceholderPatternsOption = "placeholder_patterns";
    internal const string MinimumLengthOption = "minimum_length";
    internal const string ReportInTestProjectsOption = "report_in_test_projects";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(
        AdditionalWordsOption, ExcludedWordsOption, PlaceholderPatternsOption, MinimumLengthOption, ReportInTestProjectsOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.HardcodedCredential,
        title: "Hard-coded credential",
        messageFormat: "'{0}' is given a hard-coded credential ({1}); read it from configuration or a secret store",
        RuleLevel.BuildWarning,
        description: "A password, token, API key or other credential is written in the source code. Anyone with the " +
            "code or the compiled assembly has it, and it cannot be rotated without a release.",
        cwes: new[] { 798, 259 });

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (!RunsIn(start.Compilation, start.Options))
            {
                return;
            }

            var analysis = new Analysis(start.Options);
            CredentialTargets.Register(start, analysis.Check);
        });
    }

    /// <summary>Name-based findings are off in test projects unless <c>report_in_test_projects</c> is set; BST1004
    /// asks the same question to take over credential-named targets there.</summary>
    internal static bool RunsIn(Compilation compilation, AnalyzerOptions options, string ruleId = RuleIdentifiers.HardcodedCredential)
    {
        var globalOptions = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        return !ProjectClassifier.Classify(compilation, globalOptions).IsTest ||
               new RuleOptions(globalOptions, ruleId).GetBool(ReportInTestProjectsOption, false);
    }

    private sealed class Settings
    {
        public Settings(RuleOptions options)
        {
            Names = new CredentialNames(options.GetList(AdditionalWordsOption), options.GetList(ExcludedWordsOption));
            Values = new CredentialValues(Names, options.GetInt(MinimumLengthOption, 4, 1, 64), options.GetList(PlaceholderPatternsOption));
        }

        public CredentialNames Names { get; }

        public CredentialValues Values { get; }
    }

    private sealed class Analysis
    {
        private readonly AnalyzerOptions options;
        private readonly ConcurrentDictionary<SyntaxTree, Settings> settingsByTree = new();
        private readonly ConcurrentDictionary<string, Settings> settingsByValues = new(System.StringComparer.Ordinal);

        public Analysis(AnalyzerOptions options) => this.options = options;

        public void Check(OperationAnalysisContext context, string targetName, IOperation value)
        {
            // The name first, with the cheap test: this runs for every value given a name in the build (every argument,
            // every variable), and reading an operation's constant value is not free.
            var settings = GetSettings(value.Syntax.SyntaxTree);
            if (!settings.Names.MightBeCredential(targetName))
            {
                return;
            }

            value = CredentialTargets.Unwrap(value);
            if (value.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0)
            {
                return;
            }

            if (!settings.Names.IsCredentialName(targetName) || CredentialTargets.IsReportedAtDeclaration(value, settings.Names))
            {
                return;
            }

            // token, secret, auth, bearer alone name ordinary things too: then the value itself must look like a secret.
            if (settings.Names.IsAmbiguous(targetName) && !CredentialValues.LooksLikeSecret(text))
            {
                return;
            }

            // A value of a known vendor format is reported by BST1003, with its format named: one finding per literal.
            if (settings.Values.ExclusionReason(text, targetName) is not null || TokenScanner.Default.ContainsToken(text))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(TargetNameProperty, targetName);
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), properties, targetName, SecretMasker.Mask(text)));
        }

        /// <summary>The last tree's settings per thread: this is asked for every value given a name.</summary>
        private readonly LastPerThread<SyntaxTree, Settings> lastTree = new();

        private Settings GetSettings(SyntaxTree tree)
        {
            if (lastTree.TryGet(tree, out var settings))
            {
                return settings;
            }

            settings = SettingsOf(tree);
            lastTree.Set(tree, settings);
            return settings;
        }

        /// <summary>The settings for a tree; trees whose options read the same share one (usually all of them).</summary>
        private Settings SettingsOf(SyntaxTree tree) =>
            settingsByTree.TryGetValue(tree, out var settings) ? settings : settingsByTree.GetOrAdd(tree, t =>
            {
                var ruleOptions = new RuleOptions(options.AnalyzerConfigOptionsProvider.GetOptions(t), Rule.Id);
                var key = string.Join(
                    "\u0001", ruleOptions.GetString(AdditionalWordsOption), ruleOptions.GetString(ExcludedWordsOption),
                    ruleOptions.GetString(MinimumLengthOption), ruleOptions.GetString(PlaceholderPatternsOption));
                return settingsByValues.GetOrAdd(key, _ => new Settings(ruleOptions));
            });
    }
}
