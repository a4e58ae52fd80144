using System.Buffers;
using System.Diagnostics;
using Ipc.Connection;
using Ipc.Dispatch;

namespace Ipc.Transport;

/// <summary>
/// The write side of every connection, whatever its transport. A frame goes straight to the transport when
/// nothing waits before it and the transport can take it without blocking; otherwise it waits in a queue
/// that a writer thread of its own drains, in order.
/// </summary>
/// <remarks>
/// <para>With <see cref="OutgoingQueueLimits"/> (main's end) a write never waits: a peer that stops reading is
/// disconnected, with a reason, when the queue would pass <see cref="OutgoingQueueLimits.MaxQueuedBytes"/> or
/// one write makes no progress for <see cref="OutgoingQueueLimits.StallTimeout"/>.</para>
/// <para>Without them (a renderer's end) a writer waits until its frame is written: a renderer that outpaces
/// main slows down. A call waits at most until its <see cref="Deadline"/>; a frame still queued then is
/// dropped unsent, so the call fails with its timeout and the connection stays usable.</para>
/// <para>Invariants, under <see cref="_gate"/>: <see cref="_queuedBytes"/> is the sum of the queued frames'
/// sizes; while <see cref="_writerBusy"/> one thread (the writer thread, or a caller writing its own frame
/// outside the lock) owns the transport's write side; nobody writes directly while anything is queued, so
/// frames leave in the order they were given.</para>
/// <para>A queued frame is copied into a pooled buffer, so that a sender whose peer lags allocates nothing in steady
/// state; the queue counts the frame's own size against the limit, which is what the limit promises (a pooled buffer
/// may round that up to the next power of two). The buffer and
/// its <see cref="QueuedFrame"/> go back to the pool once both the writer thread and the frame's waiting writer (if any)
/// are done with it (<see cref="QueuedFrame.Release"/>).</para>
/// </remarks>
[DebuggerDisplay("Queued = {_queue.Count} ({_queuedBytes} bytes), WriterBusy = {_writerBusy}")]
internal sealed class OutgoingQueue
{
    /// <summary>Enough spare frames for a burst that the socket cannot take at once, without holding many.</summary>
    private const int MaxSpareFrames = 64;

    private readonly IpcConnection _connection;
    private readonly OutgoingQueueLimits? _limits;
    private readonly SerialDispatcher? _threadOwner;
    private readonly ArrayPool<byte> _framePool;
    private readonly object _gate = new();
    private readonly Queue<QueuedFrame> _queue = new();
    private readonly Stack<QueuedFrame> _spare = new();
    private long _queuedBytes;
    private bool _writerBusy;
    private bool _closed;
    private Thread? _writer;
    private Timer? _stallTimer;

    /// <param name="connection">Where frames go.</param>
    /// <param name="limits">Main's limits for a peer that does not read; null at a renderer's end.</param>
    /// <param name="threadOwner">The endpoint the writer thread is recorded under (<see cref="OwnedThreads"/>), if any.</param>
    /// <param name="framePool">Where queued frames' buffers come from: the shared pool, or a pool of a test's own (the shared one drops buffers when the GC asks it to).</param>
    public OutgoingQueue(IpcConnection connection, OutgoingQueueLimits? limits, SerialDispatcher? threadOwner = null, ArrayPool<byte>? framePool = null)
    {
        _connection = connection;
        _limits = limits;
        _threadOwner = threadOwner;
        _framePool = framePool ?? ArrayPool<byte>.Shared;
    }

    /// <summary>The bytes queued and not yet written.</summary>
    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    /// <summary>
    /// Writes one prefixed frame. Returns false, with nothing sent, when <paramref name="deadline"/> passed while
    /// the frame still waited in the queue (only on an end without limits).
    /// </summary>
    /// <exception cref="IpcDisconnectedException">The connection is closed, or was closed because the peer does not read.</exception>
    public bool Write(ReadOnlySpan<byte> framed, Deadline deadline)
    {
        IpcDisconnectedException? overLimit = null;
        lock (_gate)
        {
            ThrowIfClosed();
            bool direct = _queue.Count == 0 && !_writerBusy && CanWriteDirectly(framed.Length, deadline);
            if (direct)
            {
                Debug.Assert(_queue.Count == 0 && !_writerBusy, "A direct write never overtakes a queued frame.");
                _writerBusy = true; // this thread writes its own frame; others queue behind it meanwhile
            }
            else if (_limits is { } limits && _queuedBytes > 0 && QueuedForProcess(limits) + framed.Length > limits.MaxQueuedBytes)
            {
                overLimit = new IpcDisconnectedException(
                    $"The process {_connection.RemoteProcessId} is not reading: {QueuedForProcess(limits)} bytes already wait to be sent to it and {framed.Length} more would pass the limit of {limits.MaxQueuedBytes} bytes (IpcMainOptions.MaxQueuedBytesPerRenderer); the connection was closed.");
            }
            else
            {
                return WriteQueued(framed, deadline);
            }
        }

        if (overLimit is not null)
        {
            _connection.Close(overLimit); // closing tells the receiver, which must not happen under the lock
            throw overLimit;
        }

        WriteDirectly(framed);
        return true;
    }

    /// <summary>Forgets what is queued and wakes the writer thread and every waiting writer; called once the connection closed.</summary>
    public void OnClosed()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear(); // their buffers are left to the collector: a writer may still be waiting on one
            _spare.Clear();
            AddQueued(-_queuedBytes);
            Monitor.PulseAll(_gate);
        }

        _stallTimer?.Dispose();
    }

    /// <summary>What waits for this connection's whole process: its shared count, or this queue's own.</summary>
    private long QueuedForProcess(OutgoingQueueLimits limits) => limits.Process?.Value ?? _queuedBytes;

    /// <summary>Counts queued bytes here and in the process's shared count; under the lock.</summary>
    private void AddQueued(long bytes)
    {
        _queuedBytes += bytes;
        _limits?.Process?.Add(bytes);
    }

    private bool CanWriteDirectly(int length, Deadline deadline) =>
        (_limits is null && deadline.IsInfinite) // a renderer's write without a deadline may simply block: that is its flow control
        || _connection.CanWriteWithoutBlocking(length);

    /// <summary>Writes on the caller's thread, outside the lock, so that a blocked renderer write never keeps a call from queueing with its deadline.</summary>
    private void WriteDirectly(ReadOnlySpan<byte> framed)
    {
        try
        {
            _connection.Write(framed);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            _connection.Close(null); // the peer is gone; the reading side reports the same
            throw new IpcDisconnectedException("The connection closed while a message was being written.", e);
        }
        finally
        {
            lock (_gate)
            {
                _writerBusy = false;
                if (_queue.Count > 0)
                {
                    Monitor.PulseAll(_gate); // the writer thread takes over what queued meanwhile
                }
            }
        }
    }

    /// <summary>Queues a frame, under the lock; a renderer's writer then waits for it, at most until its deadline.</summary>
    private bool WriteQueued(ReadOnlySpan<byte> framed, Deadline deadline)
    {
        bool waits = _limits is null; // main never waits for a renderer
        QueuedFrame queued = Enqueue(framed, waits);
        if (!waits)
        {
            return true;
        }

        bool written = WaitUntilWritten(queued, deadline);
        if (!written && !queued.Taken)
        {
            queued.Dropped = true; // the writer thread skips it: nothing of it is sent
        }

        Release(queued, QueuedFrame.Owner.Waiter);
        return written; // if it was taken, it goes out whole, but its caller has run out of time
    }

    private QueuedFrame Enqueue(ReadOnlySpan<byte> framed, bool waits)
    {
        QueuedFrame queued = _spare.TryPop(out QueuedFrame? spare) ? spare : new QueuedFrame();
        queued.Fill(framed, waits, _framePool);
        _queue.Enqueue(queued);
        AddQueued(queued.Held);
        if (_writer is null)
        {
            _writer = OwnedThreads.Start(_threadOwner, $"IpcGen writer (process {_connection.RemoteProcessId})", static queue => ((OutgoingQueue)queue!).WriteLoop(), this);
        }
        else
        {
            Monitor.PulseAll(_gate);
        }

        return queued;
    }

    /// <summary>Waits, under the lock, until the writer has written <paramref name="queued"/>; false when the deadline passed first.</summary>
    private bool WaitUntilWritten(QueuedFrame queued, Deadline deadline)
    {
        while (!queued.Written)
        {
            ThrowIfClosed();
            if (deadline.IsInfinite)
            {
                Monitor.Wait(_gate);
            }
            else if (deadline.HasPassed || !Monitor.Wait(_gate, deadline.Remaining))
            {
                return queued.Written;
            }
        }

        return true;
    }

    private void ThrowIfClosed()
    {
        if (_closed || !_connection.IsConnected)
        {
            throw new IpcDisconnectedException("The connection is closed.");
        }
    }

    /// <summary>Drains the queue with blocking writes; on main's end each one is watched for a stall.</summary>
    private void WriteLoop()
    {
        while (true)
        {
            QueuedFrame item;
            lock (_gate)
            {
                while ((_queue.Count == 0 || _writerBusy || _queue.Peek().Dropped) && !_closed)
                {
                    if (!_writerBusy && _queue.TryPeek(out QueuedFrame? head) && head.Dropped)
                    {
                        _queue.Dequeue();
                        AddQueued(-head.Held);
                        Debug.Assert(_queuedBytes >= 0, "Queued bytes are the sum of the queued frames.");
                        Release(head, QueuedFrame.Owner.Writer);
                        continue;
                    }

                    Monitor.Wait(_gate); // woken by a new frame, or by a direct writer that finished
                }

                if (_closed)
                {
                    return;
                }

                item = _queue.Dequeue();
                item.Taken = true;
                _writerBusy = true;
            }

            ArmStallTimer();
            try
            {
                _connection.Write(item.Frame);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                _connection.Close(null);
                return;
            }
            finally
            {
                DisarmStallTimer();
            }

            lock (_gate)
            {
                Debug.Assert(_writerBusy, "The writer thread owned the write side while it wrote.");
                _writerBusy = false;
                if (!_closed)
                {
                    AddQueued(-item.Held); // once closed, OnClosed has already stopped counting every queued frame
                }

                Debug.Assert(_queuedBytes >= 0, "Queued bytes are the sum of the queued frames.");
                item.Written = true;
                Release(item, QueuedFrame.Owner.Writer);
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void ArmStallTimer()
    {
        if (_limits is not { } limits || limits.StallTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _stallTimer ??= new Timer(static state => ((OutgoingQueue)state!).OnStalled(), this, Timeout.Infinite, Timeout.Infinite);
        _stallTimer.Change(limits.StallTimeout, Timeout.InfiniteTimeSpan);
    }

    private void DisarmStallTimer() => _stallTimer?.Change(Timeout.Infinite, Timeout.Infinite);

    /// <summary>One write made no progress for the stall timeout: the peer does not read. Closing ends the blocked write.</summary>
    private void OnStalled()
    {
        bool busy;
        lock (_gate)
        {
            busy = _writerBusy && !_closed;
        }

        if (busy)
        {
            _connection.Close(new IpcDisconnectedException(
                $"The process {_connection.RemoteProcessId} is not reading: a write made no progress for {_limits!.Value.StallTimeout.TotalSeconds:0.###} s (IpcMainOptions.StalledRendererTimeout); the connection was closed."));
        }
    }

    private static bool IsTransportFailure(Exception e) =>
        e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or IpcDisconnectedException;

    /// <summary>
    /// One owner is done with <paramref name="frame"/>, under the lock; the last one returns its buffer to the pool and
    /// keeps the frame for the next one queued, unless the queue closed meanwhile.
    /// </summary>
    private void Release(QueuedFrame frame, QueuedFrame.Owner owner)
    {
        if (frame.Release(owner) && !_closed && _spare.Count < MaxSpareFrames)
        {
            _spare.Push(frame);
        }
    }

    /// <summary>A frame waiting for the writer thread, in a pooled buffer. Its flags change under the queue's lock.</summary>
    private sealed class QueuedFrame
    {
        private ArrayPool<byte> _pool = ArrayPool<byte>.Shared;
        private byte[] _buffer = [];
        private int _length;
        private Owner _owners;

        /// <summary>Who still uses a queued frame.</summary>
        [Flags]
        public enum Owner
        {
            None = 0,

            /// <summary>The writer thread, until it has written or skipped the frame.</summary>
            Writer = 1,

            /// <summary>The renderer's writer that waits for the frame to be written, until it stops waiting.</summary>
            Waiter = 2,
        }

        public ReadOnlySpan<byte> Frame => _buffer.AsSpan(0, _length);

        /// <summary>The frame's size, counted against the queue's limit.</summary>
        public int Held => _length;

        /// <summary>The writer has started writing it: it can no longer be dropped.</summary>
        public bool Taken { get; set; }

        public bool Written { get; set; }

        /// <summary>Its writer gave up before the writer thread took it: skipped, never sent.</summary>
        public bool Dropped { get; set; }

        /// <summary>Copies <paramref name="framed"/> into a pooled buffer; the frame is owned by the writer thread, and by its waiter if it has one.</summary>
        public void Fill(ReadOnlySpan<byte> framed, bool waits, ArrayPool<byte> pool)
        {
            Debug.Assert(_owners == Owner.None, "A frame is refilled only once every owner released it.");
            _pool = pool;
            _buffer = pool.Rent(framed.Length);
            framed.CopyTo(_buffer);
            _length = framed.Length;
            _owners = waits ? Owner.Writer | Owner.Waiter : Owner.Writer;
            Taken = Written = Dropped = false;
        }

        /// <summary>Drops <paramref name="owner"/>; true when it was the last, and the buffer went back to the pool.</summary>
        public bool Release(Owner owner)
        {
            Debug.Assert((_owners & owner) != 0, "Each owner releases a frame once.");
            _owners &= ~owner;
            if (_owners != Owner.None)
            {
                return false;
            }

            _pool.Return(_buffer);
            _buffer = [];
            _length = 0;
            return true;
        }
    }
}
