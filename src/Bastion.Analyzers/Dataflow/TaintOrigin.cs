using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Where untrusted data entered: the operation that reads it and how a message names it
/// (<c>HttpRequest.Query</c>, <c>Console.ReadLine</c>, <c>action parameter 'server'</c>).</summary>
internal sealed class TaintOrigin
{
    public TaintOrigin(SyntaxNode? syntax, string description, bool uncontrolled = false)
    {
        Syntax = syntax;
        Description = description;
        Uncontrolled = uncontrolled;
    }

    /// <summary>Null for an implicit source, such as the <c>args</c> of top-level statements.</summary>
    public SyntaxNode? Syntax { get; }

    public string Description { get; }

    /// <summary>A number nobody chose but nothing bounds (an unbounded random number, a type's maximum): harmful only as
    /// a size, count or duration (<see cref="SinkKinds.Amount"/>), and only where nothing else ends the loop it bounds.</summary>
    public bool Uncontrolled { get; }
}
