using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What a family counts as its sources: the untrusted data of the configuration family (<see cref="TaintSources"/>),
/// or the sensitive data of the exposure family (secrets, exception details). The engine asks it about every property
/// read and invocation it evaluates, and about each parameter of a body it analyses, so it must be cheap.</summary>
internal interface ITaintSourceCatalog
{
    /// <summary>How a message names what <paramref name="operation"/> reads, or null when it reads no source.</summary>
    string? Describe(IOperation operation);

    /// <summary>For a call that fills a buffer argument with source data (<c>stream.Read(buffer, …)</c>), how it is named.</summary>
    string? DescribeBufferFill(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation);

    /// <summary>For a call that returns a number nobody chose and nothing bounds (<c>random.Next()</c>), how it is named.</summary>
    string? DescribeUnbounded(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation);

    /// <summary>Whether the expression <paramref name="value"/> could read a source by itself (no call or member followed):
    /// a test of its syntax, asked before the expression is bound. A false answer must be exact; true may be wrong.</summary>
    bool MayRead(SyntaxNode value);

    /// <summary>How a message names a parameter that holds source data on entry, or null.</summary>
    string? DescribeParameter(IParameterSymbol parameter, IMethodSymbol method, IOperation? unit);
}
