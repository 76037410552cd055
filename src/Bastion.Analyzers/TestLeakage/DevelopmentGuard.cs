using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.Analyzers.TestLeakage;

/// <summary>Whether code only runs in development: inside the true branch of an <c>if</c> whose condition calls
/// <c>IsDevelopment()</c> (<c>IHostEnvironment</c>, <c>IWebHostEnvironment</c>, or any method of that name), or in an
/// active <c>#if DEBUG</c> region. Shared by the debug and certificate rules.</summary>
internal static class DevelopmentGuard
{
    public static bool IsGuarded(SyntaxNode node) => IsUnderIsDevelopment(node) || IsInDebugRegion(node);

    private static bool IsUnderIsDevelopment(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current.Parent is IfStatementSyntax ifStatement && ifStatement.Statement == current && CallsIsDevelopment(ifStatement.Condition))
            {
                return true;
            }

            if (current.Parent is ConditionalExpressionSyntax conditional && conditional.WhenTrue == current && CallsIsDevelopment(conditional.Condition))
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

    /// <summary><c>env.IsDevelopment()</c>, <c>app.Environment.IsDevelopment()</c>, possibly combined with <c>&amp;&amp;</c>;
    /// a negation (<c>!env.IsDevelopment()</c>) guards nothing.</summary>
    public static bool CallsIsDevelopment(ExpressionSyntax condition) => condition switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsDevelopment" } } => true,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "IsDevelopment" } } => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and => CallsIsDevelopment(and.Left) || CallsIsDevelopment(and.Right),
        ParenthesizedExpressionSyntax parenthesized => CallsIsDevelopment(parenthesized.Expression),
        _ => false,
    };

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
