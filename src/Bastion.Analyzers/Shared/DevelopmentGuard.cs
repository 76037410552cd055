using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.Analyzers.Shared;

/// <summary>Whether code only runs in development: inside the true branch of an <c>if</c> whose condition calls
/// <c>IsDevelopment()</c> (<c>IHostEnvironment</c>, <c>IWebHostEnvironment</c>, or any method of that name), or in an
/// active <c>#if DEBUG</c> region. Shared by the debug, certificate, backdoor and exception-details rules.</summary>
internal static class DevelopmentGuard
{
    public static bool IsGuarded(SyntaxNode node) => IsUnderIsDevelopment(node, out _) || IsInDebugRegion(node);

    /// <summary>Guarded by a condition that admits development and other environments too
    /// (<c>IsDevelopment() || EnvironmentName == "Docker"</c>): a finding of its own kind.</summary>
    public static bool IsWidened(SyntaxNode node) => !IsInDebugRegion(node) && !IsUnderIsDevelopment(node, out var widened) && widened;

    private static bool IsUnderIsDevelopment(SyntaxNode node, out bool widened)
    {
        widened = false;
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current.Parent is IfStatementSyntax ifStatement && ifStatement.Statement == current)
            {
                if (CallsIsDevelopment(ifStatement.Condition, current))
                {
                    return true;
                }

                widened |= AdmitsDevelopmentAndMore(ifStatement.Condition, current);
            }

            if (current.Parent is ConditionalExpressionSyntax conditional && conditional.WhenTrue == current && CallsIsDevelopment(conditional.Condition, current))
            {
                return true;
            }

            // if (!env.IsDevelopment()) return; earlier in the same block.
            if (current is StatementSyntax statement && current.Parent is BlockSyntax block && HasEarlyExitOutsideDevelopment(block, statement))
            {
                return true;
            }

            if (current is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool HasEarlyExitOutsideDevelopment(BlockSyntax block, StatementSyntax statement)
    {
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IfStatementSyntax { Else: null } exit &&
                exit.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not && CallsIsDevelopment(not.Operand, exit) &&
                (exit.Statement is ReturnStatementSyntax or ThrowStatementSyntax ||
                 exit.Statement is BlockSyntax { Statements.Count: > 0 } body && body.Statements.Last() is ReturnStatementSyntax or ThrowStatementSyntax))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>env.IsDevelopment()</c>, <c>app.Environment.IsDevelopment()</c>, possibly combined with <c>&amp;&amp;</c>,
    /// or a local of the member that holds it (<c>var dev = env.IsDevelopment(); if (dev)</c>); a negation
    /// (<c>!env.IsDevelopment()</c>) guards nothing.</summary>
    public static bool CallsIsDevelopment(ExpressionSyntax condition) => CallsIsDevelopment(condition, condition);

    private static bool CallsIsDevelopment(ExpressionSyntax condition, SyntaxNode at) => condition switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsDevelopment" } } => true,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "IsDevelopment" } } => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and => CallsIsDevelopment(and.Left, at) || CallsIsDevelopment(and.Right, at),
        ParenthesizedExpressionSyntax parenthesized => CallsIsDevelopment(parenthesized.Expression, at),
        IdentifierNameSyntax local => LocalHoldsIsDevelopment(local.Identifier.ValueText, at),
        _ => false,
    };

    /// <summary><c>IsDevelopment() || …</c>: development and some other environment.</summary>
    private static bool AdmitsDevelopmentAndMore(ExpressionSyntax condition, SyntaxNode at) => condition switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or =>
            CallsIsDevelopment(or.Left, at) || CallsIsDevelopment(or.Right, at) || AdmitsDevelopmentAndMore(or.Left, at) || AdmitsDevelopmentAndMore(or.Right, at),
        ParenthesizedExpressionSyntax parenthesized => AdmitsDevelopmentAndMore(parenthesized.Expression, at),
        _ => false,
    };

    /// <summary>A local of the enclosing member, written once, with <c>IsDevelopment()</c>.</summary>
    private static bool LocalHoldsIsDevelopment(string name, SyntaxNode at)
    {
        var member = at.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or LocalFunctionStatementSyntax);
        if (member is null)
        {
            return false;
        }

        // The last declaration of the name with a value decides.
        var declarator = member.DescendantNodes().OfType<VariableDeclaratorSyntax>().LastOrDefault(d => d.Initializer is not null && d.Identifier.ValueText == name);
        return declarator is not null && SingleAssignment.InitializerOf(declarator, member) is { } value and not IdentifierNameSyntax && CallsIsDevelopment(value, value);
    }

    /// <summary>Inside <c>#if DEBUG</c> … (<c>#else</c>/<c>#elif</c>/<c>#endif</c>) where that branch is active.</summary>
    public static bool IsInDebugRegion(SyntaxNode node)
    {
        var root = node.SyntaxTree.GetRoot();
        if (!root.ContainsDirectives)
        {
            return false;
        }

        var position = node.SpanStart;
        var inDebug = false;
        var depthOfDebug = -1;
        var depth = 0;
        for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
        {
            switch (directive)
            {
                case IfDirectiveTriviaSyntax ifDirective:
                    depth++;
                    if (!inDebug && ifDirective.IsActive && ifDirective.Condition is IdentifierNameSyntax { Identifier.ValueText: "DEBUG" })
                    {
                        inDebug = true;
                        depthOfDebug = depth;
                    }

                    break;
                case ElseDirectiveTriviaSyntax or ElifDirectiveTriviaSyntax when inDebug && depth == depthOfDebug:
                    inDebug = false;
                    break;
                case EndIfDirectiveTriviaSyntax:
                    if (inDebug && depth == depthOfDebug)
                    {
                        inDebug = false;
                    }

                    depth--;
                    break;
            }
        }

        return inDebug;
    }
}
