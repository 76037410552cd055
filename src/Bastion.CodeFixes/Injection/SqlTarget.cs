using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Injection;

/// <summary>Where a SQL command's parameters are added: statements after <see cref="Anchor"/> on
/// <see cref="Receiver"/> (an ADO.NET command), or arguments of <see cref="Invocation"/> (a Dapper or Entity Framework
/// call).</summary>
internal sealed class SqlTarget
{
    public SqlTarget(ExpressionSyntax receiver, SyntaxNode anchor, bool addWithValue, SqlPlaceholders placeholders)
    {
        Receiver = receiver;
        Anchor = anchor;
        AddWithValue = addWithValue;
        Placeholders = placeholders;
    }

    /// <param name="positionalArgument">For Dapper: whether its <c>param</c> argument can be added by position.</param>
    public SqlTarget(InvocationExpressionSyntax invocation, SqlPlaceholders placeholders, bool positionalArgument)
    {
        Invocation = invocation;
        Placeholders = placeholders;
        PositionalArgument = positionalArgument;
    }

    /// <summary>The command, as the statements added name it.</summary>
    public ExpressionSyntax? Receiver { get; }

    /// <summary>The statement after which the parameters are added, or the <c>using</c> statement at the top of whose
    /// body they are.</summary>
    public SyntaxNode? Anchor { get; }

    /// <summary>Whether the command's parameter collection has <c>AddWithValue(string, object)</c>.</summary>
    public bool AddWithValue { get; }

    /// <summary>How the provider's SQL text names its parameters.</summary>
    public SqlPlaceholders Placeholders { get; }

    /// <summary>The Dapper call that gets a <c>param</c> argument, or the Entity Framework call that gets the values as
    /// its further arguments.</summary>
    public InvocationExpressionSyntax? Invocation { get; }

    /// <summary>Whether the Dapper call's <c>param</c> argument can be added by position (no named argument before it).</summary>
    public bool PositionalArgument { get; }
}
