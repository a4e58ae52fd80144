using System.Net.Sockets;
using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// The write side of every connection: one writer at a time, frames in order; main never waits on a renderer and
/// disconnects one that does not read; a renderer's writer waits for its own frame, at most until its deadline.
/// </summary>
public sealed class OutgoingQueueTests
{
    private static readonly OutgoingQueueLimits Unlimited = new(long.MaxValue, Timeout.InfiniteTimeSpan);

    private readonly ScriptedConnection _connection = new();

    [Fact]
    public async Task MainQueuesAFrameGivenWhileAnotherIsWrittenAndReturnsAtOnce()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        Task first = HoldTheWriteSide(queue, "first");

        await Task.Run(() => queue.Write(Framed("second"), Deadline.Never)).Bounded();

        _connection.WriteGate.Set();
        await first.Bounded();
        Assert.Equal(["first", "second"], _connection.WaitForWrites(2).Select(f => f.Channel));
        Assert.Equal(1, _connection.MaxConcurrentWriters);
    }

    [Fact]
    public async Task AWriteNeverOverlapsTheWriterThreadsWrite()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.WriteGate.Reset();
        _connection.Writable = false;
        queue.Write(Framed("first"), Deadline.Never); // goes to the writer thread, which blocks in the transport
        Assert.True(_connection.WriteWaiting.Wait(Rig.Patience));
        _connection.Writable = true;

        await Task.Run(() => queue.Write(Framed("second"), Deadline.Never)).Bounded();

        _connection.WriteGate.Set();
        Assert.Equal(["first", "second"], _connection.WaitForWrites(2).Select(f => f.Channel));
        Assert.Equal(1, _connection.MaxConcurrentWriters);
    }

    [Fact]
    public async Task MainNeverWritesOnItsCallersThreadWhenTheTransportWouldBlock()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.WriteGate.Reset();
        _connection.Writable = false;

        await Task.Run(() => queue.Write(Framed("frame"), Deadline.Never)).Bounded();

        _connection.WriteGate.Set();
        _connection.WaitForWrites(1);
        Assert.StartsWith("IpcGen writer", _connection.WritingThreads[0].Name);
    }

    [Fact]
    public void TheWriterThreadIsABackgroundThreadNamedForItsPeer()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.Writable = false;

        queue.Write(Framed("frame"), Deadline.Never);

        _connection.WaitForWrites(1);
        Thread writer = _connection.WritingThreads[0];
        Assert.True(writer.IsBackground);
        Assert.Equal("IpcGen writer (process 4242)", writer.Name);
    }

    [Fact]
    public void MainQueuesFramesWithoutAllocatingOnceItsBuffersAreWarm()
    {
        const int FramesPerRound = 10;

        // A pool of the test's own: the shared one may drop its buffers whenever a full collection runs, which would make
        // this count depend on what else the process does; what is pinned here is that the queue reuses what it has.
        var queue = new OutgoingQueue(_connection, Unlimited, framePool: System.Buffers.ArrayPool<byte>.Create());
        _connection.Writable = false; // every frame goes through the queue and the writer thread
        byte[] frame = Framed("frame");
        long allocated = 0;

        for (int round = 0; round < 6; round++)
        {
            _connection.WriteGate.Reset(); // the writer thread holds the first frame while the others queue behind it
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < FramesPerRound; i++)
            {
                queue.Write(frame, Deadline.Never);
            }

            if (round >= 3)
            {
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            _connection.WriteGate.Set();
            Assert.True(SpinWait.SpinUntil(() => Probes.SpareFrames(queue) == FramesPerRound, Rig.Patience), "the written frames were not kept for reuse");
        }

        Assert.Equal(0, allocated);
        Assert.Equal(6 * FramesPerRound, _connection.WaitForWrites(6 * FramesPerRound).Count);
    }

    [Fact]
    public async Task AFrameQueuedAgainInAReusedBufferCarriesItsOwnBytes()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.Writable = false;
        foreach (string channel in new[] { "a-long-channel-name-first", "b" })
        {
            _connection.WriteGate.Reset();
            await Task.Run(() => queue.Write(Framed(channel), Deadline.Never)).Bounded();
            _connection.WriteGate.Set();
            Assert.True(SpinWait.SpinUntil(() => Probes.SpareFrames(queue) == 1, Rig.Patience));
        }

        Assert.Equal(["a-long-channel-name-first", "b"], _connection.WaitForWrites(2).Select(f => f.Channel));
    }

    [Fact]
    public void ARendererWriteWithoutADeadlineIsWrittenOnItsCallersThreadEvenWhenItMayBlock()
    {
        var queue = new OutgoingQueue(_connection, limits: null);
        _connection.Writable = false;

        Assert.True(queue.Write(Framed("frame"), Deadline.Never));

        Assert.Same(Thread.CurrentThread, Assert.Single(_connection.WritingThreads));
    }

    [Fact]
    public void MainClosesTheConnectionWhenQueuedBytesWouldPassTheLimit()
    {
        byte[] frame = Frames.FramedOfSize(100);
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(199, Timeout.InfiniteTimeSpan));
        QueueOneBlockedFrame(queue, frame);

        var error = Assert.Throws<IpcDisconnectedException>(() => queue.Write(frame, Deadline.Never));

        Assert.Same(error, _connection.CloseError);
        Assert.False(_connection.IsConnected);
    }

    [Fact]
    public void QueuedBytesMayReachTheLimitExactly()
    {
        byte[] frame = Frames.FramedOfSize(100);
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(200, Timeout.InfiniteTimeSpan));
        QueueOneBlockedFrame(queue, frame);

        Assert.True(queue.Write(frame, Deadline.Never));

        Assert.True(_connection.IsConnected);
        _connection.WriteGate.Set();
        _connection.WaitForWrites(2);
    }

    [Fact]
    public void AFrameLargerThanTheLimitIsQueuedWhenNothingElseIs()
    {
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(50, Timeout.InfiniteTimeSpan));
        _connection.Writable = false;

        Assert.True(queue.Write(Frames.FramedOfSize(100), Deadline.Never));

        _connection.WaitForWrites(1);
        Assert.True(_connection.IsConnected);
    }

    [Fact]
    public void WrittenFramesStopCountingTowardTheLimit()
    {
        byte[] frame = Frames.FramedOfSize(100);
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(200, Timeout.InfiniteTimeSpan));
        _connection.Writable = false;

        for (int i = 1; i <= 5; i++)
        {
            queue.Write(frame, Deadline.Never);
            _connection.WaitForWrites(i);
        }

        Assert.True(_connection.IsConnected);
    }

    public static TheoryData<Exception> TransportFailures => new()
    {
        new IOException("broken pipe"),
        new ObjectDisposedException("stream"),
        new SocketException((int)SocketError.ConnectionReset),
        new IpcDisconnectedException("closed"),
    };

    [Theory, MemberData(nameof(TransportFailures))]
    public void ATransportFailureDuringADirectWriteClosesTheConnectionAndFailsAsADisconnection(Exception failure)
    {
        var queue = new OutgoingQueue(_connection, limits: null);
        _connection.FailNextWrite = failure;

        var error = Assert.Throws<IpcDisconnectedException>(() => queue.Write(Framed("frame"), Deadline.Never));

        Assert.Same(failure, error.InnerException);
        Assert.False(_connection.IsConnected);
    }

    [Fact]
    public void AnUnexpectedExceptionFromTheTransportIsNotTakenForADisconnection()
    {
        var queue = new OutgoingQueue(_connection, limits: null);
        var failure = new InvalidOperationException("a bug, not a broken connection");
        _connection.FailNextWrite = failure;

        Assert.Same(failure, Assert.Throws<InvalidOperationException>(() => queue.Write(Framed("frame"), Deadline.Never)));

        Assert.True(_connection.IsConnected);
    }

    [Fact]
    public void ATransportFailureOnTheWriterThreadClosesTheConnection()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.Writable = false;
        _connection.FailNextWrite = new IOException("broken pipe");

        Assert.True(queue.Write(Framed("frame"), Deadline.Never));

        _connection.WaitForClose();
    }

    [Fact]
    public void WritingToAConnectionThatHasClosedFailsAtOnce()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.Writable = false;
        _connection.Close(null); // the queue has not been told yet

        Assert.Throws<IpcDisconnectedException>(() => queue.Write(Framed("frame"), Deadline.Never));
    }

    [Fact]
    public async Task AFrameQueuedBehindADirectWriteIsWrittenWhenThatWriteEnds()
    {
        var queue = new OutgoingQueue(_connection, limits: null);
        Task first = HoldTheWriteSide(queue, "first");
        _connection.Writable = false;
        Task<bool> second = Task.Run(() => queue.Write(Framed("second"), Deadline.After(Rig.Patience)));
        Assert.True(SpinWait.SpinUntil(() => Probes.QueuedFrames(queue) == 1, Rig.Patience), "the second frame never queued");

        _connection.WriteGate.Set();

        Assert.True(await second.Bounded());
        await first.Bounded();
        Assert.Equal(["first", "second"], _connection.Written.Select(f => f.Channel));
    }

    [Fact]
    public async Task AFrameQueuedBehindADroppedOneIsStillWritten()
    {
        var queue = new OutgoingQueue(_connection, limits: null);
        Task first = HoldTheWriteSide(queue, "first");
        _connection.Writable = false;
        Assert.False(await Task.Run(() => queue.Write(Framed("dropped"), Deadline.After(TimeSpan.FromMilliseconds(50)))).Bounded());
        Task<bool> third = Task.Run(() => queue.Write(Framed("third"), Deadline.After(Rig.Patience)));
        Assert.True(SpinWait.SpinUntil(() => Probes.QueuedFrames(queue) == 2, Rig.Patience), "the third frame never queued behind the dropped one");

        _connection.WriteGate.Set();

        Assert.True(await third.Bounded());
        await first.Bounded();
        Assert.Equal(["first", "third"], _connection.Written.Select(f => f.Channel));
    }

    [Fact]
    public async Task ARendererWriterWaitingInTheQueueFailsWhenTheConnectionCloses()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());
        rig.Connection.WritesEndOnClose = false; // the blocked write outlives the close: only the close can wake the waiter
        rig.Connection.WriteGate.Reset();
        Task first = Task.Run(() => rig.Peer.Outbox.SendMessage(MessageKind.Send, "first", []));
        Assert.True(rig.Connection.WriteWaiting.Wait(Rig.Patience));
        Task second = Task.Run(() => rig.Peer.Outbox.SendMessage(MessageKind.Send, "second", []));
        Assert.True(SpinWait.SpinUntil(() => Probes.QueuedFrames(rig.Peer) == 1, Rig.Patience), "the second send never queued");

        rig.Connection.Close(null);

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => second.Bounded());
        rig.Connection.WriteGate.Set();
        await first.Bounded();
    }

    [Fact]
    public void TheWriterThreadEndsWhenTheConnectionCloses()
    {
        var queue = new OutgoingQueue(_connection, Unlimited);
        _connection.Writable = false;
        queue.Write(Framed("frame"), Deadline.Never);
        _connection.WaitForWrites(1);
        Thread writer = _connection.WritingThreads[0];

        _connection.Close(null);
        queue.OnClosed();

        Assert.True(writer.Join(Rig.Patience), "the writer thread still runs");
    }

    [Fact]
    public void AWriteThatMakesNoProgressForTheStallTimeoutClosesTheConnection()
    {
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(long.MaxValue, TimeSpan.FromMilliseconds(100)));
        _connection.WriteGate.Reset();
        _connection.Writable = false;

        queue.Write(Framed("stuck"), Deadline.Never);

        _connection.WaitForClose();
        Assert.IsType<IpcDisconnectedException>(_connection.CloseError);
    }

    private static byte[] Framed(string channel) => Frames.Framed(Frames.Message(MessageKind.MainSend, 0, channel));

    /// <summary>Starts a direct write that blocks in the transport until the gate opens, holding the write side.</summary>
    private Task HoldTheWriteSide(OutgoingQueue queue, string channel)
    {
        _connection.WriteGate.Reset();
        Task blocked = Task.Run(() => queue.Write(Framed(channel), Deadline.Never));
        Assert.True(_connection.WriteWaiting.Wait(Rig.Patience), "the write never reached the transport");
        return blocked;
    }

    /// <summary>Queues <paramref name="frame"/> on main's side, where the writer thread takes it and blocks in the transport.</summary>
    [Fact]
    public void ConnectionsOfOneProcessShareTheQueueLimit()
    {
        byte[] frame = Frames.FramedOfSize(100);
        var process = new QueuedBytes();
        var queue = new OutgoingQueue(_connection, new OutgoingQueueLimits(250, Timeout.InfiniteTimeSpan, process));
        using var otherConnection = new ScriptedConnection { Writable = false };
        otherConnection.WriteGate.Reset();
        var otherQueue = new OutgoingQueue(otherConnection, new OutgoingQueueLimits(250, Timeout.InfiniteTimeSpan, process));
        QueueOneBlockedFrame(queue, frame);
        Assert.True(otherQueue.Write(frame, Deadline.Never)); // the other connection's first frame is always taken

        Assert.Throws<IpcDisconnectedException>(() => queue.Write(frame, Deadline.Never)); // 300 for the process: past 250

        Assert.False(_connection.IsConnected);
        queue.OnClosed(); // as the connection's peer does once it hears of the close
        Assert.Equal(100, process.Value); // the closed connection's bytes no longer count
        otherConnection.WriteGate.Set();
        otherConnection.WaitForWrites(1);
        Assert.True(SpinWait.SpinUntil(() => process.Value == 0, Rig.Patience), "written bytes still count");
    }

    private void QueueOneBlockedFrame(OutgoingQueue queue, byte[] frame)
    {
        _connection.WriteGate.Reset();
        _connection.Writable = false;
        Assert.True(queue.Write(frame, Deadline.Never));
        Assert.True(_connection.WriteWaiting.Wait(Rig.Patience), "the writer thread never took the frame");
    }
}
