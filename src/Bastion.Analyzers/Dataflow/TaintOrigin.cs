using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Where untrusted data entered: the operation that reads it and how a message names it
/// (<c>HttpRequest.Query</c>, <c>Console.ReadLine</c>, <c>action parameter 'server'</c>).</summary>
internal sealed class TaintOrigin
{
    public TaintOrigin(SyntaxNode? syntax, string description)
    {
        Syntax = syntax;
        Description = description;
    }

    /// <summary>Null for an implicit source, such as the <c>args</c> of top-level statements.</summary>
    public SyntaxNode? Syntax { get; }

    public string Description { get; }
}
