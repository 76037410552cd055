using Xunit.Sdk;

namespace Bastion.Tests.Infrastructure;

/// <summary>A failed verification: the message is the whole story (annotated source, what differed).</summary>
public sealed class VerificationException : XunitException
{
    public VerificationException(string message)
        : base(message)
    {
    }
}
