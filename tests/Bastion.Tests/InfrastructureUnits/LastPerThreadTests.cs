using Bastion.Analyzers.Infrastructure;
using Xunit;

namespace Bastion.Tests.InfrastructureUnits;

public sealed class LastPerThreadTests
{
    [Fact]
    public void TheLastKeySet_IsAnsweredOnTheSameThread_AndNoOtherKey()
    {
        var last = new LastPerThread<object, int>();
        var first = new object();
        var second = new object();

        Assert.False(last.TryGet(first, out _));
        last.Set(first, 1);
        Assert.True(last.TryGet(first, out var answer));
        Assert.Equal(1, answer);
        Assert.False(last.TryGet(second, out _));

        last.Set(second, 2);
        Assert.False(last.TryGet(first, out _));
        Assert.True(last.TryGet(second, out answer));
        Assert.Equal(2, answer);
    }

    [Fact]
    public void KeysAreComparedByReference()
    {
        var last = new LastPerThread<string, int>();
        last.Set(new string('a', 3), 1);

        Assert.False(last.TryGet(new string('a', 3), out _));
    }
}
