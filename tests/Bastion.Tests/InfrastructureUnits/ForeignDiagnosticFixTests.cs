using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Bastion.Tests.InfrastructureUnits;

/// <summary><c>dotnet format analyzers</c> asks each rule's fixer about the first finding the analyzer reported, of
/// whatever rule, and Fix-Alls the rule with the key of the first action it gets back. Every fixer must answer a finding
/// of another rule with an action that changes nothing and carries its own rule's key.</summary>
public sealed class ForeignDiagnosticFixTests
{
    public static IEnumerable<object[]> Fixers() =>
        typeof(BastionCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(BastionCodeFix).IsAssignableFrom(t))
            .OrderBy(t => t.Name, System.StringComparer.Ordinal)
            .Select(t => new object[] { t.Name });

    [Fact]
    public void EveryExportedFixer_IsABastionCodeFix()
    {
        var exported = typeof(BastionCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(exported);
        Assert.All(exported, t => Assert.True(typeof(BastionCodeFix).IsAssignableFrom(t), t.Name));
    }

    [Theory]
    [MemberData(nameof(Fixers))]
    public async Task AFindingOfAnotherRule_GetsANoChangeActionWithTheRulesKey(string fixerName)
    {
        var fixer = (CodeFixProvider)System.Activator.CreateInstance(typeof(BastionCodeFix).Assembly.GetTypes().Single(t => t.Name == fixerName))!;
        using var workspace = new AdhocWorkspace();
        var document = workspace.AddProject("P", LanguageNames.CSharp).AddDocument("A.cs", SourceText.From("class A { string s = \"x\"; }"));
        var tree = (await document.GetSyntaxTreeAsync())!;
        var foreign = Diagnostic.Create(
            new DiagnosticDescriptor("XX0001", "Other rule", "Other rule", "Other", DiagnosticSeverity.Warning, isEnabledByDefault: true),
            Location.Create(tree, new TextSpan(21, 3)));
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, foreign, (action, _) => actions.Add(action), CancellationToken.None));

        var action = Assert.Single(actions);
        Assert.Contains(fixer.FixableDiagnosticIds, id => action.EquivalenceKey!.StartsWith(id + ".", System.StringComparison.Ordinal));
        var change = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        Assert.Equal((await document.GetTextAsync()).ToString(), (await change.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString());
    }
}
