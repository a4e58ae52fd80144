using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// A connection whose other end is the test: it keeps every frame written to it and the thread that wrote it,
/// says whether a write could block as it is told, holds writes until released (or until it closes, as a socket
/// would end a blocked write), and delivers the frames the test gives it.
/// </summary>
internal sealed class ScriptedConnection : IpcConnection
{
    private readonly List<(byte[] Frame, Thread Thread)> _written = [];
    private readonly ManualResetEventSlim _closedSignal = new();
    private IFrameReceiver? _receiver;
    private int _closed;
    private int _closeReported;
    private int _writing;
    private int _maxConcurrentWriters;
    private int _closeCalls;

    /// <summary>What <see cref="CanWriteWithoutBlocking"/> answers.</summary>
    public bool Writable { get; set; } = true;

    /// <summary>What <see cref="HasReadingThread"/> answers.</summary>
    public bool ReadingThread { get; set; }

    /// <summary>While not set, every write waits for it (boundedly), or for the connection to close.</summary>
    public ManualResetEventSlim WriteGate { get; } = new(initialState: true);

    /// <summary>Whether closing ends a write held at <see cref="WriteGate"/>, as closing a socket ends a blocked write (true by default).</summary>
    public bool WritesEndOnClose { get; set; } = true;

    /// <summary>Set once a write waits at <see cref="WriteGate"/>.</summary>
    public ManualResetEventSlim WriteWaiting { get; } = new();

    /// <summary>When set, the next write throws it instead of writing.</summary>
    public Exception? FailNextWrite { get; set; }

    public override int RemoteProcessId => 4242;

    public override bool IsConnected => Volatile.Read(ref _closed) == 0;

    public override bool HasReadingThread => ReadingThread;

    public int CloseCalls => Volatile.Read(ref _closeCalls);

    /// <summary>The most threads that were inside <see cref="Write"/> at once.</summary>
    public int MaxConcurrentWriters => Volatile.Read(ref _maxConcurrentWriters);

    /// <summary>The frames written so far, without their length prefix, in the order they were written.</summary>
    public IReadOnlyList<Frame> Written
    {
        get
        {
            lock (_written)
            {
                return [.. _written.Select(w => Frame.Decode(w.Frame))];
            }
        }
    }

    /// <summary>The frames written so far, as bytes without their length prefix.</summary>
    public IReadOnlyList<byte[]> WrittenBytes
    {
        get
        {
            lock (_written)
            {
                return [.. _written.Select(w => w.Frame)];
            }
        }
    }

    /// <summary>The thread that wrote each frame.</summary>
    public IReadOnlyList<Thread> WritingThreads
    {
        get
        {
            lock (_written)
            {
                return [.. _written.Select(w => w.Thread)];
            }
        }
    }

    public override void Start(IFrameReceiver receiver) => _receiver = receiver;

    public override void Write(ReadOnlySpan<byte> framed)
    {
        int writing = Interlocked.Increment(ref _writing);
        InterlockedMax(ref _maxConcurrentWriters, writing);
        try
        {
            if (!IsConnected)
            {
                throw new IpcDisconnectedException("closed");
            }

            if (FailNextWrite is { } failure)
            {
                FailNextWrite = null;
                throw failure;
            }

            Assert.Equal(framed.Length - Framing.PrefixSize, BitConverter.ToInt32(framed[..Framing.PrefixSize]));
            byte[] frame = framed[Framing.PrefixSize..].ToArray();
            if (!WriteGate.IsSet)
            {
                WriteWaiting.Set();
                WaitHandle[] ends = WritesEndOnClose ? [WriteGate.WaitHandle, _closedSignal.WaitHandle] : [WriteGate.WaitHandle];
                int woken = WaitHandle.WaitAny(ends, Rig.Patience);
                Assert.True(woken != WaitHandle.WaitTimeout, "the test never released the write");
                if (!IsConnected && WritesEndOnClose)
                {
                    throw new IpcDisconnectedException("closed during the write");
                }
            }

            lock (_written)
            {
                _written.Add((frame, Thread.CurrentThread));
                Monitor.PulseAll(_written);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }

    /// <summary>Waits (boundedly) until at least <paramref name="count"/> frames were written, and returns them.</summary>
    public IReadOnlyList<Frame> WaitForWrites(int count)
    {
        lock (_written)
        {
            DateTime until = DateTime.UtcNow + Rig.Patience;
            while (_written.Count < count)
            {
                TimeSpan left = until - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"only {_written.Count} of {count} frames were written");
                Monitor.Wait(_written, left);
            }
        }

        return Written;
    }

    /// <summary>Waits (boundedly) until something closed the connection.</summary>
    public void WaitForClose() => Assert.True(_closedSignal.Wait(Rig.Patience), "the connection was never closed");

    public override bool CanWriteWithoutBlocking(int framedLength) => Writable;

    private Exception? _closeError;

    /// <summary>The error the connection was first closed with, if any.</summary>
    public Exception? CloseError => Volatile.Read(ref _closeError);

    public override void Close(Exception? error)
    {
        Interlocked.Increment(ref _closeCalls);
        if (error is not null)
        {
            Interlocked.CompareExchange(ref _closeError, error, null);
        }

        Volatile.Write(ref _closed, 1);
        if (_receiver is not null && Interlocked.Exchange(ref _closeReported, 1) == 0)
        {
            _receiver.OnClosed(error);
        }

        // Only then does a write held at the gate end: the receiver has seen the close before any writer sees it fail.
        _closedSignal.Set();
    }

    /// <summary>Hands <paramref name="frame"/> to the receiver, as a reading side would.</summary>
    public void Deliver(byte[] frame)
    {
        if (_receiver!.Receiving(frame.Length, frame))
        {
            _receiver.OnFrame(frame);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
