using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Hosting;

/// <summary>The package's second analyzer: the rules with a compilation-end diagnostic (BST3002's project-reference
/// check), hosted as <see cref="BastionRulesAnalyzer"/> hosts the rest.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BastionCompilationEndRulesAnalyzer : RuleHost
{
    public BastionCompilationEndRulesAnalyzer()
        : base(BastionRulesAnalyzer.CreateRules().RemoveAll(rule => !BastionRulesAnalyzer.HasCompilationEndRule(rule)))
    {
    }
}
