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
/// through when nothing else is held: at worst a count passes its limit by one frame per connection.
/// Invariant, under the total's lock: <see cref="Used"/> of the total is the sum of its processes' counts.
/// </remarks>
[DebuggerDisplay("{Used} of {Limit} bytes")]
internal sealed class MemoryBudget
{
    private readonly MemoryBudget? _total;
    private readonly object _gate;
    private long _used;

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

    /// <summary>Readers waiting in <see cref="Take"/> for room; under the lock.</summary>
    internal int Waiting { get; private set; }

    public long Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>The connections of one renderer process that share this budget; kept by <see cref="Main.RendererBudgets"/>, under its lock.</summary>
    internal int Connections { get; set; }

    /// <summary>
    /// Bytes main has queued to this process's connections and not yet written, limited together by
    /// <see cref="IpcMainOptions.MaxQueuedBytesPerRenderer"/> (see <see cref="Transport.OutgoingQueue"/>).
    /// </summary>
    public Transport.QueuedBytes Outgoing { get; } = new();

    /// <summary>A budget for one renderer process, counted into this total.</summary>
    public MemoryBudget ForProcess(long limit) => new(limit, this);

    /// <summary>
    /// Takes <paramref name="bytes"/>, first waiting while this budget or its total is over its limit, unless
    /// <paramref name="canWait"/> says not to (the connection closed, or it has no reading thread to stop).
    /// </summary>
    public void Take(int bytes, Func<bool> canWait)
    {
        lock (_gate)
        {
            while (IsOver && canWait())
            {
                Waiting++;
                Monitor.Wait(_gate);
                Waiting--;
            }

            _used += bytes;
            if (_total is not null)
            {
                _total._used += bytes;
            }
        }
    }

    /// <summary>Gives back bytes taken with <see cref="Take"/>, waking readers that wait for room.</summary>
    public void Release(int bytes)
    {
        lock (_gate)
        {
            _used -= bytes;
            if (_total is not null)
            {
                _total._used -= bytes;
            }

            Debug.Assert(_used >= 0, "More bytes were released than taken.");
            Monitor.PulseAll(_gate);
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

    private bool IsOver => _used > Limit || (_total is not null && _total._used > _total.Limit);
}
