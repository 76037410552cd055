using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Decides once per compilation whether a project is production or test code. In order:
/// the explicit option <c>bastion.project_kind</c>; the MSBuild property <c>IsTestProject</c> (made visible by
/// Bastion's buildTransitive props, so its presence is decisive even when empty); and only when MSBuild said
/// nothing (a host without our props), the referenced test-runner or mocking frameworks.</summary>
internal static class ProjectClassifier
{
    public const string OverrideKey = "bastion.project_kind";
    public const string IsTestProjectKey = "build_property.IsTestProject";

    private static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core", "xunit.assert", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "Microsoft.VisualStudio.QualityTools.UnitTestFramework", "TUnit.Core", "Moq", "NSubstitute", "FakeItEasy",
        "Telerik.JustMock", "Rhino.Mocks", "Microsoft.QualityTools.Testing.Fakes",
    };

    public static ProjectClassification Classify(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        if (globalOptions.TryGetValue(OverrideKey, out var explicitKind))
        {
            switch (explicitKind.Trim().ToUpperInvariant())
            {
                case "TEST":
                    return new ProjectClassification(ProjectKind.Test, OverrideKey + " = test");
                case "PRODUCTION":
                    return new ProjectClassification(ProjectKind.Production, OverrideKey + " = production");
            }
        }

        if (globalOptions.TryGetValue(IsTestProjectKey, out var isTestProject))
        {
            return string.Equals(isTestProject.Trim(), "true", StringComparison.OrdinalIgnoreCase)
                ? new ProjectClassification(ProjectKind.Test, "IsTestProject = true")
                : new ProjectClassification(ProjectKind.Production, "IsTestProject is not true");
        }

        return TestFrameworkReferenced(compilation) is { } framework
            ? new ProjectClassification(ProjectKind.Test, "references " + framework)
            : new ProjectClassification(ProjectKind.Production, "no test indication");
    }

    /// <summary>The first test runner or mocking library the compilation references, if any.</summary>
    public static string? TestFrameworkReferenced(Compilation compilation)
    {
        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            foreach (var framework in TestFrameworkAssemblies)
            {
                if (string.Equals(reference.Name, framework, StringComparison.OrdinalIgnoreCase))
                {
                    return reference.Name;
                }
            }
        }

        return null;
    }
}
