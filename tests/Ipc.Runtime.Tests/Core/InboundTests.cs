using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// What happens to what one end receives once it is accepted: main's back-pressure on a renderer that sends
/// faster than its listeners run, and the bookkeeping of the other end's invocations running here.
/// </summary>
public sealed class InboundTests
{
    [Fact]
    public async Task ReadingResumesOnceTheUndispatchedBytesAreBackAtTheLimit()
    {
        byte[] first = Frames.Message(MessageKind.Send, 0, "a");
        byte[] second = Frames.Message(MessageKind.Send, 0, "b");
        using var rig = new PeerRig(InboundPolicy.ForMain(maxUndispatchedBytes: first.Length), readingThread: true);
        using var releaseFirst = new ManualResetEventSlim();
        using var releaseSecond = new ManualResetEventSlim();
        rig.Endpoint.Listener = (channel, _) => (channel == "a" ? releaseFirst : releaseSecond).Wait(Rig.Patience);

        await Task.Run(() => rig.Connection.Deliver(first)).Bounded(); // at the limit, not past it: reading goes on
        Task reading = Task.Run(() => rig.Connection.Deliver(second)); // past it: the reader waits
        Assert.True(SpinWait.SpinUntil(() => Probes.Undispatched(rig.Peer.Inbound) == 2 * first.Length, Rig.Patience), "the reader never counted the second message");
        releaseFirst.Set();

        await reading.Bounded(); // back at the limit while the second listener still runs
        releaseSecond.Set();
        rig.Endpoint.Drain();
    }

    [Fact]
    public async Task AReaderWaitingForTheDispatcherStopsWaitingWhenTheConnectionCloses()
    {
        byte[] frame = Frames.Message(MessageKind.Send, 0, "a");
        using var rig = new PeerRig(InboundPolicy.ForMain(maxUndispatchedBytes: frame.Length), readingThread: true);
        using var release = new ManualResetEventSlim();
        rig.Endpoint.Listener = (_, _) => release.Wait(Rig.Patience);
        await Task.Run(() => rig.Connection.Deliver(frame)).Bounded();
        Task reading = Task.Run(() => rig.Connection.Deliver(frame));
        Assert.True(SpinWait.SpinUntil(() => Probes.Undispatched(rig.Peer.Inbound) == 2 * frame.Length, Rig.Patience), "the reader never counted the second message");

        rig.Connection.Close(null);

        await reading.Bounded();
        release.Set();
    }

    [Fact]
    public void ACancelFrameCancelsTheHandlerWhichAnswersCancelled()
    {
        using var rig = new PeerRig();
        rig.Endpoint.Handler = (_, _, token) => WaitForCancellation(token);

        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "long"));
        rig.Connection.Deliver(Frames.Header(MessageKind.Cancel, 1, "long"));

        Frame reply = Assert.Single(rig.Connection.WaitForWrites(1));
        Assert.Equal(ReplyStatus.Cancelled, Frames.StatusOf(reply));
        rig.Endpoint.Drain();
        Assert.Empty(rig.Endpoint.Errors);
    }

    [Fact]
    public async Task AnInvocationEndingNeverUnregistersALaterOneWithTheSameId()
    {
        using var rig = new PeerRig();
        var finishFirst = new TaskCompletionSource<object?>(); // its continuation, which ends the invocation, runs where it is set
        var secondCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Endpoint.Handler = (channel, _, token) =>
        {
            if (channel == "first")
            {
                return finishFirst.Task;
            }

            token.Register(secondCancelled.SetResult);
            return WaitForCancellation(token);
        };

        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "first"));
        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "second")); // a peer reusing an id
        rig.Endpoint.Run(() => finishFirst.SetResult("done"));
        Assert.Single(rig.Connection.Written);
        rig.Connection.Deliver(Frames.Header(MessageKind.Cancel, 1, "second"));

        await secondCancelled.Task.Bounded();
    }

    [Fact]
    public void AnAnsweredInvocationLeavesTheRunningInvocations()
    {
        using var rig = new PeerRig();
        rig.Endpoint.Handler = (_, _, _) => Task.FromResult<object?>(1);

        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "ch"));
        rig.Endpoint.Drain();

        Assert.Single(rig.Connection.Written);
        Assert.Equal(0, Probes.RunningCount(rig.Peer.Invocations));
    }

    [Fact]
    public void AnInvocationWithoutAHandlerLeavesTheRunningInvocations()
    {
        using var rig = new PeerRig();

        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "ch"));
        rig.Endpoint.Drain();

        Assert.Equal(ReplyStatus.NoHandler, Frames.StatusOf(Assert.Single(rig.Connection.Written)));
        Assert.Equal(0, Probes.RunningCount(rig.Peer.Invocations));
    }

    [Fact]
    public void AFinishedInvocationDisposesItsCancellationSource()
    {
        using var rig = new PeerRig();
        CancellationToken handlerToken = default;
        rig.Endpoint.Handler = (_, _, token) =>
        {
            handlerToken = token;
            return Task.FromResult<object?>(1);
        };

        rig.Connection.Deliver(Frames.Message(MessageKind.Invoke, 1, "ch"));
        rig.Endpoint.Drain();

        Assert.Throws<ObjectDisposedException>(() => handlerToken.WaitHandle);
    }

    private static async Task<object?> WaitForCancellation(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        return null;
    }
}
