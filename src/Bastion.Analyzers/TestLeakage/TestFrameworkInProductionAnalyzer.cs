using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>BST3001: a production project references a test or mocking framework (once per compilation and
/// assembly); BST3002: a mock or test API is used in its code (at each use). Production is decided by MSBuild's
/// <c>IsTestProject</c> or <c>bastion.project_kind</c>: referencing a test framework does not make a project a test
/// project — that is the mistake these rules catch.</summary>
[NoCodeFix("Removing a package reference is a project-file edit, and where mock-based code belongs (a test project, a real implementation) is a design decision.")]
public sealed class TestFrameworkInProductionAnalyzer : BastionAnalyzer
{
    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray<string>.Empty;

    internal static readonly DiagnosticDescriptor ReferenceRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.TestFrameworkReferenced,
        title: "Test or mocking framework referenced by a production project",
        messageFormat: "This production project references '{0}' ({1}); test and mocking frameworks belong in test projects",
        RuleLevel.BuildWarning,
        description: "A production assembly ships with a test or mocking framework. It enlarges the attack surface (dynamic " +
            "proxies, reflection emit) and usually means test doubles or test hooks can run in production.",
        cwes: new[] { 489 },
        securitySeverity: 5.0,
        WellKnownDiagnosticTags.CompilationEnd);

    internal static readonly DiagnosticDescriptor UsageRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.TestApiUsed,
        title: "Mock or test API used in production code",
        messageFormat: "'{0}' from {1} is used in production code",
        RuleLevel.BuildWarning,
        description: "Production code creates mocks or fakes, uses argument matchers or assertions, or marks members as " +
            "tests. A fake implementation standing in for a real one (a payment gateway, an authorization check) is a " +
            "backdoor waiting to be configured.",
        cwes: new[] { 489 },
        securitySeverity: 5.0);

    /// <summary>Assembly name → framework, as the message names it.</summary>
    private static readonly ImmutableDictionary<string, string> Frameworks = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Moq"] = "Moq", ["NSubstitute"] = "NSubstitute", ["FakeItEasy"] = "FakeItEasy", ["Telerik.JustMock"] = "JustMock",
        ["Rhino.Mocks"] = "Rhino Mocks", ["Microsoft.QualityTools.Testing.Fakes"] = "Microsoft Fakes", ["xunit.core"] = "xUnit",
        ["xunit.assert"] = "xUnit", ["xunit.v3.core"] = "xUnit", ["nunit.framework"] = "NUnit",
        ["Microsoft.VisualStudio.TestPlatform.TestFramework"] = "MSTest", ["TUnit.Core"] = "TUnit", ["AutoFixture"] = "AutoFixture",
        ["FluentAssertions"] = "FluentAssertions", ["Shouldly"] = "Shouldly", ["Microsoft.AspNetCore.Mvc.Testing"] = "Microsoft.AspNetCore.Mvc.Testing",
        ["WireMock.Net"] = "WireMock.Net", ["Testcontainers"] = "Testcontainers",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The namespaces of those frameworks' APIs (a namespace and the ones inside it), by their root namespace: a
    /// type's namespace is compared only with the lines of its root.</summary>
    private static readonly ImmutableDictionary<string, (string Namespace, string Framework)[]> Namespaces = new[]
    {
        ("Moq", "Moq"), ("NSubstitute", "NSubstitute"), ("FakeItEasy", "FakeItEasy"), ("Telerik.JustMock", "JustMock"), ("Rhino.Mocks", "Rhino Mocks"),
        ("Microsoft.QualityTools.Testing.Fakes", "Microsoft Fakes"), ("Xunit", "xUnit"), ("NUnit", "NUnit"),
        ("Microsoft.VisualStudio.TestTools.UnitTesting", "MSTest"), ("TUnit", "TUnit"), ("AutoFixture", "AutoFixture"),
        ("Ploeh.AutoFixture", "AutoFixture"), ("FluentAssertions", "FluentAssertions"), ("Shouldly", "Shouldly"),
        ("Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.Mvc.Testing"), ("WireMock", "WireMock.Net"),
        ("Testcontainers", "Testcontainers"), ("DotNet.Testcontainers", "Testcontainers"),
    }.GroupBy(line => line.Item1.Split('.')[0], StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(ReferenceRule, UsageRule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ProjectClassifier.Classify(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).IsTest)
            {
                return;
            }

            var referenced = new List<(string Assembly, string Framework)>();
            foreach (var identity in start.Compilation.ReferencedAssemblyNames)
            {
                if (Frameworks.TryGetValue(identity.Name, out var framework))
                {
                    referenced.Add((identity.Name, framework));
                }
            }

            if (referenced.Count == 0)
            {
                return;
            }

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (assembly, framework) in referenced)
                {
                    end.ReportDiagnostic(Diagnostic.Create(ReferenceRule, Location.None, assembly, framework));
                }
            });

            start.RegisterOperationAction(AnalyzeUse, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.FieldReference);
            start.RegisterSymbolAction(AnalyzeAttributes, SymbolKind.Method, SymbolKind.NamedType);
        });
    }

    private static void AnalyzeUse(OperationAnalysisContext context)
    {
        var (symbol, type) = Used(context.Operation);

        // Report the outermost use only: Mock.Of<T>() inside new Mock<T>().Setup(…) chains is one finding per call.
        if (symbol is not null && type is not null && FrameworkOf(type) is { } framework && !IsInsideReportedUse(context.Operation))
        {
            context.ReportDiagnostic(Diagnostic.Create(UsageRule, context.Operation.Syntax.GetLocation(), Display(symbol), framework));
        }
    }

    private static bool IsInsideReportedUse(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (Used(parent).Type is { } type && FrameworkOf(type) is not null)
            {
                return true;
            }

            // Lambdas passed to a framework call (Setup(p => p.Charge(It.IsAny<decimal>()))) belong to that call.
            if (parent is IExpressionStatementOperation or IMethodBodyOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The member an operation uses and the type it belongs to: the method called, the member read, or the type
    /// created (whose own type is what a framework's namespace is looked for on).</summary>
    private static (ISymbol? Symbol, INamedTypeSymbol? Type) Used(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => (invocation.TargetMethod, invocation.TargetMethod.ContainingType),
        // An attribute's construction is reported by AnalyzeAttributes, as [Name].
        IObjectCreationOperation { Type: INamedTypeSymbol created } creation when creation.Parent is not IAttributeOperation => (created, created),
        IMemberReferenceOperation member => (member.Member, member.Member.ContainingType),
        _ => (null, null),
    };

    /// <summary>[Fact], [Test], [TestMethod] and other framework attributes on production members and types.</summary>
    private static void AnalyzeAttributes(SymbolAnalysisContext context)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && FrameworkOf(attributeClass) is { } framework &&
                attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax)
            {
                var name = attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal) ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length) : attributeClass.Name;
                context.ReportDiagnostic(Diagnostic.Create(UsageRule, syntax.GetLocation(), "[" + name + "]", framework));
            }
        }
    }

    private static string? FrameworkOf(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        var root = ns;
        while (!root.ContainingNamespace.IsGlobalNamespace)
        {
            root = root.ContainingNamespace;
        }

        if (!Namespaces.TryGetValue(root.Name, out var lines))
        {
            return null;
        }

        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            foreach (var (dotted, framework) in lines)
            {
                if (SymbolFacts.IsNamespace(current, dotted))
                {
                    return framework;
                }
            }
        }

        return null;
    }

    private static string Display(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name,
        IMethodSymbol method => method.ContainingType.Name + "." + method.Name,
        INamedTypeSymbol type => "new " + type.Name,
        _ => symbol.ContainingType?.Name + "." + symbol.Name,
    };
}
