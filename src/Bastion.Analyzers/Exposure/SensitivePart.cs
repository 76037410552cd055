using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Shared.Credentials;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Exposure;

/// <summary>A credential found in a logged value: the expression that holds it and how a message names it (never its value).</summary>
internal readonly struct SensitivePart
{
    public SensitivePart(IOperation expression, string description)
    {
        Expression = expression;
        Description = description;
    }

    public IOperation Expression { get; }

    public string Description { get; }
}
