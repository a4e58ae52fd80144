namespace Ipc.Benchmarks.Peer;

/// <summary>Counts received ticks and the bytes this process allocated while receiving them.</summary>
internal sealed class AllocationCounter
{
    private long _received;
    private long _allocatedAtReset;

    public long Received => Volatile.Read(ref _received);

    public void Reset()
    {
        Volatile.Write(ref _received, 0);
        _allocatedAtReset = GC.GetTotalAllocatedBytes(precise: true);
    }

    public void Count() => Interlocked.Increment(ref _received);

    public BatchResult Result() =>
        new(Received, GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtReset);
}
