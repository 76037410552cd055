using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bastion.Analyzers.Hosting;
using Bastion.Analyzers.Infrastructure;
using Bastion.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Bastion.Tests.InfrastructureUnits;

/// <summary>The host's dispatch of its rules' operation actions: one driver action per operation kind, which runs every
/// rule's action for that kind, in the order the rules registered them.</summary>
public sealed class OperationActionTableTests
{
    private readonly ITestOutputHelper output;

    public OperationActionTableTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void EachKind_IsOneDriverAction_RunningItsActionsInOrder()
    {
        var driver = NewStart();
        var table = new OperationActionTable(driver);
        var calls = new List<string>();
        table.RegisterOperationAction(_ => calls.Add("a"), ImmutableArray.Create(OperationKind.Invocation, OperationKind.Literal));
        table.RegisterOperationAction(_ => calls.Add("b"), ImmutableArray.Create(OperationKind.Invocation));
        table.RegisterOperationAction(_ => calls.Add("c"), ImmutableArray.Create(OperationKind.Literal, OperationKind.Invocation));
        table.RegisterOperationAction(_ => calls.Add("d"), ImmutableArray.Create(OperationKind.Return, OperationKind.Return));

        Assert.Empty(driver.OperationActions);
        table.Register();

        Assert.Equal(3, table.DriverActions);
        Assert.Equal(3, driver.OperationActions.Count);
        var kinds = driver.OperationActions.SelectMany(a => a.Kinds).ToList();
        Assert.Equal(kinds.Distinct().Count(), kinds.Count);

        Run(driver, OperationKind.Invocation);
        Assert.Equal(new[] { "a", "b", "c" }, calls);

        calls.Clear();
        Run(driver, OperationKind.Literal);
        Assert.Equal(new[] { "a", "c" }, calls);

        // A kind named twice in one registration runs its action once.
        calls.Clear();
        Run(driver, OperationKind.Return);
        Assert.Equal(new[] { "d" }, calls);
    }

    [Fact]
    public void AnActionRegisteredAfterTheTableIsRegistered_IsAnError_NotASilentLoss()
    {
        var table = new OperationActionTable(NewStart());
        table.Register();

        Assert.Throws<InvalidOperationException>(() => table.RegisterOperationAction(_ => { }, ImmutableArray.Create(OperationKind.Invocation)));
    }

    [Fact]
    public void KindsWithTheSameActions_ShareOneDriverAction()
    {
        var driver = NewStart();
        var table = new OperationActionTable(driver);
        table.RegisterOperationAction(_ => { }, ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation));
        table.RegisterOperationAction(_ => { }, ImmutableArray.Create(OperationKind.ObjectCreation, OperationKind.Invocation));

        table.Register();

        var registration = Assert.Single(driver.OperationActions);
        Assert.Equal(new[] { OperationKind.Invocation, OperationKind.ObjectCreation }, registration.Kinds.OrderBy(k => k));
    }

    [Fact]
    public void OtherActions_PassThroughAsTheyCome()
    {
        var driver = NewStart();
        var table = new OperationActionTable(driver);

        table.RegisterSymbolAction(_ => { }, ImmutableArray.Create(SymbolKind.Method));
        table.RegisterSyntaxNodeAction(_ => { }, ImmutableArray.Create(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression));
        table.RegisterOperationBlockAction(_ => { });
        table.RegisterCompilationEndAction(_ => { });
        table.RegisterAdditionalFileAction(_ => { });
        table.RegisterSyntaxTreeAction(_ => { });

        Assert.Equal(new[] { "Symbol", "SyntaxNode", "OperationBlock", "CompilationEnd", "AdditionalFile", "SyntaxTree" }, driver.Registered);
    }

    /// <summary>Every rule of the shipped hosts, registered as the host registers them: no operation kind gets two driver
    /// callbacks, and there are fewer driver actions than rule actions.</summary>
    [Fact]
    public void ShippedRules_EachKindOnce_FewerDriverActionsThanRuleActions()
    {
        var counting = NewStart();
        var driver = NewStart();
        var table = new OperationActionTable(driver);
        foreach (var rule in BastionRulesAnalyzer.CreateRules())
        {
            rule.InitializeFor(counting);
            rule.InitializeFor(table);
        }

        table.Register();

        var kinds = driver.OperationActions.SelectMany(a => a.Kinds).ToList();
        Assert.Equal(kinds.Distinct().Count(), kinds.Count);
        Assert.Equal(counting.OperationActions.SelectMany(a => a.Kinds).Distinct().OrderBy(k => k), kinds.OrderBy(k => k));
        Assert.True(driver.OperationActions.Count < counting.OperationActions.Count, $"{driver.OperationActions.Count} driver actions for {counting.OperationActions.Count} rule actions");

        foreach (var group in counting.OperationActions.SelectMany(a => a.Kinds.Distinct()).GroupBy(k => k).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"{group.Key}: {group.Count()} rule actions");
        }

        output.WriteLine($"{counting.OperationActions.Count} rule actions, {driver.OperationActions.Count} driver actions");
    }

    private static void Run(RecordingCompilationStart driver, OperationKind kind)
    {
        foreach (var (action, kinds) in driver.OperationActions)
        {
            if (kinds.Contains(kind))
            {
                action(default);
            }
        }
    }

    private static RecordingCompilationStart NewStart() => new(
        CSharpCompilation.Create("Production", new[] { CSharpSyntaxTree.ParseText("class C { }", path: "/src/C.cs") }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));
}
