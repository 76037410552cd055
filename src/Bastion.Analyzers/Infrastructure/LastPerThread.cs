using System;
using System.Threading;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The last key asked about and its answer, per thread (by a slot of the thread's ID): the driver runs one body's
/// callbacks on one thread in a row, so each thread asks about the same member or tree many times over while another
/// asks about its own. Each pair is immutable and replaced whole, so a reader sees a key with its own answer; two threads
/// that share a slot only miss more often.</summary>
internal sealed class LastPerThread<TKey, TValue>
    where TKey : class
{
    private const int Slots = 16;

    private readonly Tuple<TKey, TValue>?[] last = new Tuple<TKey, TValue>?[Slots];

    public bool TryGet(TKey key, out TValue value)
    {
        if (Volatile.Read(ref last[Slot]) is { } pair && ReferenceEquals(pair.Item1, key))
        {
            value = pair.Item2;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value) => Volatile.Write(ref last[Slot], Tuple.Create(key, value));

    private static int Slot => Thread.CurrentThread.ManagedThreadId & (Slots - 1);
}
