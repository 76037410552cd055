using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Injection;

/// <summary>BST5005: untrusted data in a file path (path traversal). The sinks are the lines of <see cref="InjectionSinks"/> for this rule.</summary>
[NoCodeFix("The folder a path must stay in is the application's; taking only the file name would break code that legitimately accepts subfolders.")]
public sealed class PathTraversalAnalyzer : TaintRuleAnalyzer
{
    internal static readonly System.Collections.Immutable.ImmutableArray<string> OptionNames = TaintFamily.OptionNames;

    internal static readonly DiagnosticDescriptor Descriptor = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.PathTraversal,
        title: "Untrusted data in a file path",
        messageFormat: "Untrusted data from {0} reaches {1}{2}; keep only its file name (Path.GetFileName) or check the full path stays inside the intended folder",
        RuleLevel.BuildWarning,
        description: "Data an attacker controls names a file or folder that is read, written, listed or deleted. '..' segments and rooted paths reach files outside the folder the code meant.",
        cwes: new[] { 22, 23, 36 });

    private protected override DiagnosticDescriptor FamilyRule => Descriptor;

    private protected override TaintFamily Family => InjectionTaint.Family;
}
