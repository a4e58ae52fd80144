using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// The table of calls this end waits on holds a call exactly while nothing has claimed it: a call whose message
/// never left, or that the connection's end failed, is not left behind, and its failure never goes unobserved.
/// </summary>
public sealed class CallTableTests
{
    [Fact]
    public async Task AClosingConnectionEmptiesTheCallTable()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());
        Task<int> call = rig.Peer.Calls.InvokeAsync<int>(MessageKind.Invoke, "pending", [], Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.Equal(1, rig.Peer.Calls.Count);

        rig.Connection.Close(null);

        Assert.Equal(0, rig.Peer.Calls.Count);
        var error = await Assert.ThrowsAsync<IpcDisconnectedException>(() => call.Bounded());
        Assert.Equal("pending", error.Channel);
    }

    [Fact]
    public async Task ACallWhoseArgumentsCannotBeSerialisedLeavesTheCallTable()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());

        await Assert.ThrowsAsync<IpcSerializationException>(() => rig.Peer.Calls.InvokeAsync<int>(
            MessageKind.Invoke, "ch", [new ConnectionRulesTests.WithCallback { Callback = () => { } }], Timeout.InfiniteTimeSpan, CancellationToken.None).Bounded());

        Assert.Equal(0, rig.Peer.Calls.Count);
        Assert.Empty(rig.Connection.Written);
    }

    [Fact]
    public async Task ACallWhoseMessageWasStillQueuedAtItsDeadlineLeavesTheCallTable()
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());
        Task blockedSend = HoldTheWriteSide(rig);

        await Assert.ThrowsAsync<IpcTimeoutException>(() => rig.Peer.Calls.InvokeAsync<int>(
            MessageKind.Invoke, "ch", [], TimeSpan.FromMilliseconds(50), CancellationToken.None).Bounded());

        Assert.Equal(0, rig.Peer.Calls.Count);
        rig.Connection.WriteGate.Set();
        await blockedSend.Bounded();
        Assert.Equal(["blocker"], rig.Connection.Written.Select(f => f.Channel)); // the timed-out call sent nothing
    }

    [Fact]
    public async Task ACallFailedByTheConnectionsEndWhileItsMessageWasWrittenLeavesNoUnobservedFailure()
    {
        const string Channel = "closed-while-writing";
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(inner => inner is IpcException { Channel: Channel }))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await FailACallWhileItsMessageIsWritten(Channel);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Empty(unobserved);
    }

    [Fact]
    public void ADeadlineOfZeroHasPassedAtOnce()
    {
        var deadline = Deadline.After(TimeSpan.Zero);

        Assert.True(deadline.HasPassed);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
    }

    [Fact]
    public void AnInfiniteTimeoutGivesADeadlineThatNeverPasses()
    {
        var deadline = Deadline.After(Timeout.InfiniteTimeSpan);

        Assert.True(deadline.IsInfinite);
        Assert.False(deadline.HasPassed);
        Assert.Equal(Timeout.InfiniteTimeSpan, deadline.Remaining);
    }

    /// <summary>A renderer's send that blocks in the transport, holding the write side until the gate opens.</summary>
    private static Task HoldTheWriteSide(PeerRig rig)
    {
        rig.Connection.WriteGate.Reset();
        Task blocked = Task.Run(() => rig.Peer.Outbox.SendMessage(MessageKind.Send, "blocker", []));
        Assert.True(rig.Connection.WriteWaiting.Wait(Rig.Patience), "the blocking send never reached the transport");
        rig.Connection.Writable = false;
        return blocked;
    }

    /// <summary>
    /// A SendSync whose message is in the transport when the connection closes: the close fails the call first,
    /// then the write fails too, and the call is discarded by a thread that never awaits its task.
    /// </summary>
    private static async Task FailACallWhileItsMessageIsWritten(string channel)
    {
        using var rig = new PeerRig(InboundPolicy.ForRenderer());
        rig.Connection.WriteGate.Reset();
        Task<Exception?> call = Task.Run<Exception?>(() => Record.Exception(() => rig.Peer.Calls.CallSync<int>(channel, [], Timeout.InfiniteTimeSpan)));
        Assert.True(rig.Connection.WriteWaiting.Wait(Rig.Patience), "the call never reached the transport");

        rig.Connection.Close(null);

        Assert.IsType<IpcDisconnectedException>(await call.Bounded());
        Assert.Equal(0, rig.Peer.Calls.Count);
    }
}
