using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Bastion.CodeFixes.Injection;

/// <summary>BST5001: SQL text built from values becomes text with placeholders and the values become parameters
/// (<see cref="SqlTemplate"/> says which texts can be rewritten). Where the parameters go:
/// <list type="bullet">
/// <item><c>command.CommandText = …;</c> and <c>var command = new SqlCommand(…)</c> (a declaration or a <c>using</c>):
/// statements after it add each value to <c>command.Parameters</c>, with <c>AddWithValue</c> where the provider has it
/// and with <c>CreateParameter</c> on any other ADO.NET command.</item>
/// <item>Dapper's <c>Query</c>/<c>Execute</c>…: an anonymous object in the call's <c>param</c> argument, when it has none.</item>
/// <item>Entity Framework's raw SQL methods given the text alone: <c>{0}</c> placeholders and the values as arguments.</item>
/// </list>
/// Placeholders are <c>@name</c>, or <c>?</c> for OLE DB and ODBC, whose parameters bind by position. Anything else
/// (the text built elsewhere, a table name from a value) is reported and left to the author.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlParameterCodeFix))]
[Shared]
public sealed class SqlParameterCodeFix : BastionCodeFix
{
    public const string ParameterizeKey = RuleIdentifiers.SqlInjection + ".UseParameters";

    protected override string FixAllKey => ParameterizeKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SqlInjection);

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        if (await RootAndModelAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        var (root, model) = document;

        foreach (var diagnostic in diagnostics)
        {
            var expression = ReportedExpression(root, diagnostic);
            if (expression is null || Target(expression, model, context.CancellationToken) is not { } target ||
                SqlTemplate.Rewrite(expression, model, target.Placeholders, context.CancellationToken) is not { } rewrite)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Pass the values as SQL parameters", ct => ApplyAsync(context.Document, expression, target, rewrite, ct), ParameterizeKey),
                diagnostic);
        }
    }

    /// <summary>Where the parameters of the command whose text is <paramref name="text"/> are added, if the fix knows.</summary>
    private static SqlTarget? Target(ExpressionSyntax text, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (text.Parent)
        {
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" } left, Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment
                when assignment.Right == text && IsStable(left.Expression):
                return Command(model.GetTypeInfo(left.Expression, cancellationToken).Type, left.Expression.WithoutTrivia(), statement, model);
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } } argument
                when IsCommandTextParameter(argument, creation, model, cancellationToken) &&
                     creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } &&
                     declarator.Parent?.Parent is LocalDeclarationStatementSyntax { Parent: BlockSyntax } or UsingStatementSyntax { Statement: BlockSyntax }:
                return Command(model.GetTypeInfo(creation, cancellationToken).Type, SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), declarator.Parent!.Parent!, model);
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } argument:
                return Dapper(argument, invocation, model, cancellationToken) ?? EntityFramework(argument, invocation, model, cancellationToken);
            default:
                return null;
        }
    }

    private static bool IsStable(ExpressionSyntax receiver) =>
        receiver is IdentifierNameSyntax or ThisExpressionSyntax ||
        receiver is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } access && IsStable(access.Expression);

    private static bool IsCommandTextParameter(ArgumentSyntax argument, BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor || creation.ArgumentList is not { } list)
        {
            return false;
        }

        var index = list.Arguments.IndexOf(argument);
        var parameter = argument.NameColon is { } named
            ? constructor.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
            : index < constructor.Parameters.Length ? constructor.Parameters[index] : null;
        return parameter?.Name is "cmdText" or "commandText";
    }

    private static SqlTarget? Command(ITypeSymbol? type, ExpressionSyntax receiver, SyntaxNode anchor, SemanticModel model)
    {
        var command = model.Compilation.GetTypeByMetadataName("System.Data.IDbCommand");
        if (type is not INamedTypeSymbol named || command is null || !named.AllInterfaces.Contains(command) && !SymbolEqualityComparer.Default.Equals(named, command))
        {
            return null;
        }

        var parameters = Members(named).OfType<IPropertySymbol>().FirstOrDefault(p => p.Name == "Parameters")?.Type;
        var addWithValue = parameters is not null && Members(parameters).OfType<IMethodSymbol>()
            .Any(m => m.Name == "AddWithValue" && m.Parameters.Length == 2 && m.Parameters[0].Type.SpecialType == SpecialType.System_String);
        var ns = named.ContainingNamespace?.ToDisplayString();
        return new SqlTarget(receiver, anchor, addWithValue, ns is "System.Data.OleDb" or "System.Data.Odbc" ? SqlPlaceholders.Positional : SqlPlaceholders.Named);
    }

    private static IEnumerable<ISymbol> Members(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                yield return member;
            }
        }

        foreach (var face in type.AllInterfaces)
        {
            foreach (var member in face.GetMembers())
            {
                yield return member;
            }
        }
    }

    private static SqlTarget? Dapper(ArgumentSyntax argument, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
            (method.ReducedFrom ?? method).ContainingType?.ToDisplayString() != "Dapper.SqlMapper")
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        var sql = method.Parameters.IndexOf(method.Parameters.FirstOrDefault(p => p.Name == "sql")!);
        var param = method.Parameters.IndexOf(method.Parameters.FirstOrDefault(p => p.Name == "param")!);
        if (sql < 0 || param < 0 || arguments.IndexOf(argument) != sql || argument.NameColon is not null ||
            arguments.Any(a => a.NameColon?.Name.Identifier.ValueText == "param") || arguments.Count(a => a.NameColon is null) > param)
        {
            return null;
        }

        var positional = arguments.All(a => a.NameColon is null) && arguments.Count == param;
        return new SqlTarget(invocation, SqlPlaceholders.Named, positional);
    }

    /// <summary>Entity Framework's <c>FromSqlRaw</c>, <c>ExecuteSqlRaw</c>(<c>Async</c>) and <c>SqlQueryRaw</c> given the
    /// SQL text alone: the values become its further arguments, which it passes as parameters for <c>{0}</c>, <c>{1}</c>….</summary>
    private static SqlTarget? EntityFramework(ArgumentSyntax argument, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
            method.Name is not ("FromSqlRaw" or "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "SqlQueryRaw") ||
            (method.ReducedFrom ?? method).ContainingType?.ToDisplayString() is not ("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions" or "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions") ||
            arguments.Last() != argument || argument.NameColon is not null)
        {
            return null;
        }

        return new SqlTarget(invocation, SqlPlaceholders.Indexed, positionalArgument: true);
    }

    private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax text, SqlTarget target, SqlRewrite rewrite, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(text, rewrite.Text.WithTriviaFrom(text).WithAdditionalAnnotations(Formatter.Annotation));
        if (target.Invocation is { } called && target.Placeholders == SqlPlaceholders.Indexed)
        {
            var values = rewrite.Parameters.Select(p => SyntaxFactory.Argument(p.Value)).ToArray();
            editor.ReplaceNode(called.ArgumentList, (current, _) => ((ArgumentListSyntax)current).AddArguments(values));
            return editor.GetChangedDocument();
        }

        if (target.Invocation is { } invocation)
        {
            var members = rewrite.Parameters.Select(p =>
                p.Value is IdentifierNameSyntax or MemberAccessExpressionSyntax && string.Equals(SqlTemplate.NameOf(p.Value), p.Key, System.StringComparison.Ordinal)
                    ? p.Value.ToString()
                    : p.Key + " = " + p.Value);
            var value = SyntaxFactory.Argument(SyntaxFactory.ParseExpression("new { " + string.Join(", ", members) + " }"));
            if (!target.PositionalArgument)
            {
                value = value.WithNameColon(SyntaxFactory.NameColon("param"));
            }

            editor.ReplaceNode(invocation.ArgumentList, (current, _) => ((ArgumentListSyntax)current).AddArguments(value));
            return editor.GetChangedDocument();
        }

        var taken = new HashSet<string>(editor.SemanticModel.LookupSymbols(target.Anchor!.SpanStart).Select(s => s.Name));
        var statements = new List<StatementSyntax>();
        foreach (var parameter in rewrite.Parameters)
        {
            statements.AddRange(Statements(target, parameter.Key, parameter.Value, taken));
        }

        if (target.Anchor is UsingStatementSyntax { Statement: BlockSyntax body })
        {
            editor.ReplaceNode(body, body.WithStatements(body.Statements.InsertRange(0, statements)));
        }
        else
        {
            editor.InsertAfter(target.Anchor, statements);
        }

        return editor.GetChangedDocument();
    }

    private static IEnumerable<StatementSyntax> Statements(SqlTarget target, string name, ExpressionSyntax value, HashSet<string> taken)
    {
        var command = target.Receiver!.ToString();
        if (target.AddWithValue)
        {
            yield return Statement($"{command}.Parameters.AddWithValue(\"@{name}\", {value});");
            yield break;
        }

        var local = name + "Parameter";
        for (var n = 2; !taken.Add(local); n++)
        {
            local = name + "Parameter" + n;
        }

        yield return Statement($"var {local} = {command}.CreateParameter();");
        yield return Statement($"{local}.ParameterName = \"@{name}\";");
        yield return Statement($"{local}.Value = {value};");
        yield return Statement($"{command}.Parameters.Add({local});");
    }

    private static StatementSyntax Statement(string text) =>
        SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);
}
