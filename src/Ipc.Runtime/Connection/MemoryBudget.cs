using System.Diagnostics;

namespace Ipc.Connection;

/// <summary>
/// Bytes main holds for what renderers sent it — frames being received and messages waiting for the dispatcher —
/// counted per renderer process (every connection from one process shares one budget) and in total across
/// renderers. A reading thread takes a frame's bytes before it allocates them and waits while either count is
/// over its limit, so a renderer that outpaces main is slowed down at the socket instead of growing main's heap.
/// </summary>
/// <remarks>
/// A wait starts only when a count is already over its limit, so a single frame larger than the limit still goes
/// through when nothing else is held. Counts change with interlocked operations (two per message, no lock); the
/// lock is taken only to wait, and by a release only when someone waits. A waiter announces itself
/// (<see cref="_waiting"/>) before it looks at the counts and a releaser changes the counts before it looks at
/// <see cref="_waiting"/>, both with full fences, so a release never misses a waiter.
/// </remarks>
[DebuggerDisplay("{Used} of {Limit} bytes, {_waiting} waiting")]
internal sealed class MemoryBudget
{
    private readonly MemoryBudget? _total;
    private readonly object _gate;
    private long _used;
    private int _waiting;

    /// <summary>A budget across renderers.</summary>
    public MemoryBudget(long limit)
    {
        Limit = limit;
        _gate = new object();
    }

    private MemoryBudget(long limit, MemoryBudget total)
    {
        Limit = limit;
        _total = total;
        _gate = total._gate; // one lock: a wait depends on both counts
    }

    public long Limit { get; }

    public long Used => Interlocked.Read(ref _used);

    /// <summary>Readers waiting in <see cref="Take"/> for room.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A budget for one renderer process, counted into this total.</summary>
    public MemoryBudget ForProcess(long limit) => new(limit, this);

    /// <summary>
    /// Takes <paramref name="bytes"/>. When <paramref name="mayWait"/>, first waits while this budget or its total
    /// is over its limit; returns false, taking nothing, if <paramref name="isClosed"/> turns true meanwhile.
    /// </summary>
    public bool Take(int bytes, bool mayWait, Func<bool> isClosed)
    {
        if (mayWait && IsOver)
        {
            lock (_gate)
            {
                Interlocked.Increment(ref _waiting);
                if (_total is not null)
                {
                    Interlocked.Increment(ref _total._waiting); // the total counts every waiter: any release may make room
                }

                try
                {
                    while (IsOver)
                    {
                        if (isClosed())
                        {
                            return false;
                        }

                        Monitor.Wait(_gate);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                    if (_total is not null)
                    {
                        Interlocked.Decrement(ref _total._waiting);
                    }
                }
            }
        }

        Add(bytes);
        return true;
    }

    /// <summary>Gives back bytes taken with <see cref="Take"/>, waking readers that wait for room.</summary>
    public void Release(int bytes)
    {
        Add(-bytes);
        Debug.Assert(Used >= 0, "More bytes were released than taken.");
        if (Volatile.Read(ref (_total ?? this)._waiting) > 0)
        {
            WakeAll();
        }
    }

    /// <summary>Wakes every waiting reader, to look again at whether it may still wait (a connection closed).</summary>
    public void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void Add(long bytes)
    {
        Interlocked.Add(ref _used, bytes);
        if (_total is not null)
        {
            Interlocked.Add(ref _total._used, bytes);
        }
    }

    private bool IsOver => Used > Limit || (_total is not null && _total.Used > _total.Limit);
}
