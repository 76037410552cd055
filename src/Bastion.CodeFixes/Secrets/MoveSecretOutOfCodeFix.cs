using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace Bastion.CodeFixes.Secrets;

/// <summary>Replaces a secret literal with a read from <c>IConfiguration</c> (when one is in scope) or from an
/// environment variable, failing loudly when the value is missing instead of falling back to a secret. The
/// diagnostic names the target in its <c>TargetName</c> property; without it no fix is offered. The literal is at the
/// finding, or at its first additional location when the finding is on a sink that uses it.</summary>
public abstract class MoveSecretOutOfCodeFix : BastionCodeFix
{
    private readonly string ruleId;

    protected MoveSecretOutOfCodeFix(string ruleId) => this.ruleId = ruleId;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(ruleId);

    /// <summary>The first action, on every finding: a read from configuration where an <c>IConfiguration</c> is in
    /// scope, else from an environment variable.</summary>
    protected override string FixAllKey => ruleId + ".MoveOutOfCode";

    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp7)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (ValueLocation(diagnostic) is not { } location || location.SourceTree != root.SyntaxTree ||
                root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value ||
                !diagnostic.Properties.TryGetValue(HardcodedCredentialAnalyzer.TargetNameProperty, out var targetName) ||
                targetName is null || SecretNaming.ToEnvironmentVariable(targetName).Length == 0)
            {
                continue;
            }

            var constantDeclaration = await FindConstantDeclarationToRelaxAsync(context.Document, model, value, context.CancellationToken).ConfigureAwait(false);
            if (constantDeclaration.Blocked || IsInConstantOnlyContext(value) || IsInExpressionTree(model, value, context.CancellationToken))
            {
                continue;
            }

            var readAtUse = await StaticFieldToReadAtUseAsync(context.Document, model, value, context.CancellationToken).ConfigureAwait(false);
            var configuration = FindConfigurationInScope(model, value, context.CancellationToken);
            var variable = SecretNaming.ToEnvironmentVariable(targetName);
            if (configuration is not null)
            {
                var key = SecretNaming.ToConfigurationKey(targetName);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Read '{key}' from {configuration.Name}",
                        ct => ReplaceAsync(context.Document, value, constantDeclaration.Declaration, readAtUse, WrapRead(ConfigurationRead(configuration.Name, key)), ct),
                        FixAllKey),
                    diagnostic);
            }

            // Without configuration in scope the environment variable is the first action, under the same key.
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Read environment variable '{variable}'",
                    ct => ReplaceAsync(context.Document, value, constantDeclaration.Declaration, readAtUse, WrapRead(EnvironmentRead(variable)), ct),
                    configuration is null ? FixAllKey : ruleId + ".MoveToEnvironmentVariable"),
                diagnostic);
        }
    }

    /// <summary>Where the value to replace is: at the finding, or at its first additional location when the finding is
    /// on the sink that uses a constant written further up.</summary>
    private static Location? ValueLocation(Diagnostic diagnostic) =>
        !diagnostic.Properties.ContainsKey(HardcodedCredentialAnalyzer.ValueAtFirstAdditionalLocationProperty) ? diagnostic.Location :
        diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : null;

    /// <summary>Turns the configured string into the value the code needs (a key fix decodes base64).</summary>
    protected virtual ExpressionSyntax WrapRead(ExpressionSyntax read) => read;

    private static ExpressionSyntax ConfigurationRead(string configuration, string key) =>
        OrThrow(
            SyntaxFactory.ElementAccessExpression(
                SyntaxFactory.IdentifierName(configuration),
                SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Literal(key))))),
            $"Configuration value '{key}' is not set.");

    private static ExpressionSyntax EnvironmentRead(string variable) =>
        OrThrow(
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.ParseName("System.Environment").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.IdentifierName("GetEnvironmentVariable")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Literal(variable))))),
            $"Environment variable '{variable}' is not set.");

    private static ExpressionSyntax OrThrow(ExpressionSyntax read, string message) =>
        SyntaxFactory.ParenthesizedExpression(
            SyntaxFactory.BinaryExpression(
                SyntaxKind.CoalesceExpression,
                read,
                SyntaxFactory.ThrowExpression(
                    SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.ParseTypeName("System.InvalidOperationException").WithAdditionalAnnotations(Simplifier.Annotation),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Literal(message)))),
                        initializer: null))))
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static LiteralExpressionSyntax Literal(string text) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));

    private static async Task<Document> ReplaceAsync(
        Document document, ExpressionSyntax value, SyntaxNode? constantDeclaration, FieldDeclarationSyntax? readAtUse, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        if (readAtUse is not null)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(readAtUse, ReadAtUse(readAtUse, replacement)));
        }

        replacement = replacement.WithTriviaFrom(value);
        var nodes = constantDeclaration is null ? new SyntaxNode[] { value } : new[] { value, constantDeclaration };
        var newRoot = root.ReplaceNodes(nodes, (original, rewritten) =>
            original == value ? replacement : RelaxConstant(rewritten));
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>A constant cannot hold a runtime read: <c>const</c> fields become <c>static readonly</c>, const locals
    /// plain locals.</summary>
    private static SyntaxNode RelaxConstant(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case FieldDeclarationSyntax field:
                var constToken = field.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                var index = field.Modifiers.IndexOf(constToken);
                var modifiers = field.Modifiers.RemoveAt(index)
                    .Insert(index, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(constToken.TrailingTrivia))
                    .Insert(index, SyntaxFactory.Token(constToken.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                return field.WithModifiers(modifiers);
            case LocalDeclarationStatementSyntax local:
                var localConst = local.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                return local.WithModifiers(local.Modifiers.Remove(localConst)).WithLeadingTrivia(local.GetLeadingTrivia());
            default:
                return declaration;
        }
    }

    /// <summary>A static field whose initializer is the secret (<c>const</c>, or <c>static readonly</c> and written
    /// nowhere else): read at use, as a static property, so that a missing value fails where the secret is needed
    /// instead of as a <c>TypeInitializationException</c> that takes the whole type down at start-up.</summary>
    private static async Task<FieldDeclarationSyntax?> StaticFieldToReadAtUseAsync(Document document, SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } declarator } ||
            field.AttributeLists.Count > 0 ||
            !(field.Modifiers.Any(SyntaxKind.ConstKeyword) || field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)) ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol symbol)
        {
            return null;
        }

        var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(r => r.Locations))
        {
            var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var node = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            var target = node?.Parent is MemberAccessExpressionSyntax access && access.Name == node ? access : node;
            if (target?.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ||
                target?.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return null;
            }
        }

        return field;
    }

    /// <summary><c>private const string Key = "…";</c> becomes <c>private static string Key =&gt; read;</c>.</summary>
    private static PropertyDeclarationSyntax ReadAtUse(FieldDeclarationSyntax field, ExpressionSyntax read)
    {
        var modifiers = SyntaxFactory.TokenList();
        foreach (var modifier in field.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.ConstKeyword))
            {
                modifiers = modifiers.Add(SyntaxFactory.Token(modifier.LeadingTrivia, SyntaxKind.StaticKeyword, modifier.TrailingTrivia));
            }
            else if (!modifier.IsKind(SyntaxKind.ReadOnlyKeyword))
            {
                modifiers = modifiers.Add(modifier);
            }
        }

        var declarator = field.Declaration.Variables[0];
        return SyntaxFactory.PropertyDeclaration(field.Declaration.Type, declarator.Identifier.WithTrailingTrivia(SyntaxFactory.Space))
            .WithModifiers(modifiers)
            .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.EqualsGreaterThanToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                read.WithoutTrivia()))
            .WithSemicolonToken(field.SemicolonToken)
            .WithLeadingTrivia(field.GetLeadingTrivia());
    }

    private readonly struct ConstantDeclaration
    {
        public ConstantDeclaration(SyntaxNode? declaration, bool blocked)
        {
            Declaration = declaration;
            Blocked = blocked;
        }

        public SyntaxNode? Declaration { get; }

        public bool Blocked { get; }
    }

    /// <summary>The <c>const</c> declaration the literal initializes, if any; blocked when the constant is used
    /// where only a constant will do (a case label, an attribute, another constant).</summary>
    private static async Task<ConstantDeclaration> FindConstantDeclarationToRelaxAsync(
        Document document, SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.Parent?.Parent is not { } declaration)
        {
            return default;
        }

        var isConst = declaration switch
        {
            FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword),
            LocalDeclarationStatementSyntax local => local.Modifiers.Any(SyntaxKind.ConstKeyword),
            _ => false,
        };
        if (!isConst)
        {
            return default;
        }

        if (declarator.Parent is VariableDeclarationSyntax { Variables.Count: > 1 } ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not { } symbol)
        {
            return new ConstantDeclaration(null, blocked: true);
        }

        var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(r => r.Locations))
        {
            var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is { } node && IsInConstantOnlyContext(node))
            {
                return new ConstantDeclaration(null, blocked: true);
            }
        }

        return new ConstantDeclaration(declaration, blocked: false);
    }

    private static bool IsInConstantOnlyContext(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case CaseSwitchLabelSyntax or CasePatternSwitchLabelSyntax or AttributeArgumentSyntax or ParameterSyntax
                    or ConstantPatternSyntax or SwitchExpressionArmSyntax:
                    return true;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword) && !IsOwnInitializer(node, ancestor);
                case LocalDeclarationStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.ConstKeyword) && !IsOwnInitializer(node, ancestor);
                case StatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The literal being replaced sits in its own const declaration, which the fix relaxes.</summary>
    private static bool IsOwnInitializer(SyntaxNode node, SyntaxNode declaration) =>
        node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: var owner } } && owner == declaration;

    private static bool IsInExpressionTree(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var expressionType = model.Compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        if (expressionType is null)
        {
            return false;
        }

        foreach (var lambda in node.Ancestors().OfType<LambdaExpressionSyntax>())
        {
            if (model.GetTypeInfo(lambda, cancellationToken).ConvertedType is INamedTypeSymbol type &&
                SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expressionType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An <c>IConfiguration</c> local, parameter, field or property usable at the literal's position.</summary>
    private static ISymbol? FindConfigurationInScope(SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var configurationType = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        if (configurationType is null)
        {
            return null;
        }

        var position = value.SpanStart;
        var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        var instanceAvailable = enclosing is IMethodSymbol { IsStatic: false, MethodKind: not MethodKind.StaticConstructor } &&
            !value.Ancestors().Any(a => a is ConstructorInitializerSyntax);

        var candidates = new List<ISymbol>();
        foreach (var symbol in model.LookupSymbols(position))
        {
            var (type, usable) = symbol switch
            {
                ILocalSymbol local => (local.Type, local.DeclaringSyntaxReferences.All(r => r.Span.End < position)),
                IParameterSymbol parameter => (parameter.Type, !IsPrimaryConstructorParameter(parameter) || InInstanceMember(value)),
                IFieldSymbol field => (field.Type, field.IsStatic || instanceAvailable),
                IPropertySymbol { IsIndexer: false, GetMethod: not null } property => (property.Type, property.IsStatic || instanceAvailable),
                _ => (null, false),
            };
            if (usable && type is not null && IsConfiguration(type, configurationType))
            {
                candidates.Add(symbol);
            }
        }

        return candidates
            .OrderBy(s => s is ILocalSymbol or IParameterSymbol ? 0 : 1)
            .ThenBy(s => s.Name, System.StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>A parameter of a primary constructor (<c>class Mailer(IConfiguration configuration)</c>): in scope in the
    /// whole type, usable only in its instance members and initializers.</summary>
    private static bool IsPrimaryConstructorParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor &&
        constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

    private static bool InInstanceMember(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.StaticKeyword):
                    return false;
                case BaseFieldDeclarationSyntax field:
                    return !field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case BasePropertyDeclarationSyntax property:
                    return !property.Modifiers.Any(SyntaxKind.StaticKeyword);
                case BaseMethodDeclarationSyntax method:
                    return method is not ConstructorDeclarationSyntax && !method.Modifiers.Any(SyntaxKind.StaticKeyword);
                case TypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsConfiguration(ITypeSymbol type, INamedTypeSymbol configurationType) =>
        SymbolEqualityComparer.Default.Equals(type, configurationType) ||
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, configurationType));
}
