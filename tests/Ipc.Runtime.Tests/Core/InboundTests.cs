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
    public async Task ReadingStopsWhileTheBudgetIsSpentAndResumesOnceTheDispatcherFreesIt()
    {
        byte[] first = Frames.Message(MessageKind.Send, 0, "a");
        byte[] second = Frames.Message(MessageKind.Send, 0, "b");
        using var rig = new PeerRig(MainPolicy(budget: first.Length - 1), readingThread: true);
        using var releaseFirst = new ManualResetEventSlim();
        using var releaseSecond = new ManualResetEventSlim();
        rig.Endpoint.Listener = (channel, _) => (channel == "a" ? releaseFirst : releaseSecond).Wait(Rig.Patience);

        await Task.Run(() => rig.Connection.Deliver(first)).Bounded(); // a single frame always goes in, even past the limit
        Assert.Equal(first.Length, rig.Peer.Inbound.Budget!.Used);
        Task reading = Task.Run(() => rig.Connection.Deliver(second)); // the budget is spent: the reader waits
        AssertReaderWaits(rig);
        releaseFirst.Set();

        await reading.Bounded(); // the first was dispatched: room again
        releaseSecond.Set();
        rig.Endpoint.Drain();
        Assert.Equal(0, rig.Peer.Inbound.Budget!.Used);
    }

    [Fact]
    public async Task AReaderWaitingForRoomStopsWaitingWhenTheConnectionCloses()
    {
        byte[] frame = Frames.Message(MessageKind.Send, 0, "a");
        using var release = new ManualResetEventSlim();
        using PeerRig rig = await SpentBudgetAsync(frame, release);
        Task reading = Task.Run(() => rig.Connection.Deliver(frame));
        AssertReaderWaits(rig);

        rig.Connection.Close(null);

        await reading.Bounded();
        Assert.Equal(frame.Length, rig.Peer.Inbound.Budget!.Used); // the frame it waited for was never counted
        release.Set();
        rig.Endpoint.Drain();
        Assert.Equal(0, rig.Peer.Inbound.Budget!.Used);
    }

    [Fact]
    public async Task RepliesAndCancelsAreReadEvenWhileTheBudgetIsSpent()
    {
        using var release = new ManualResetEventSlim();
        using PeerRig rig = await SpentBudgetAsync(Frames.Message(MessageKind.Send, 0, "a"), release);
        Task<string?> call = rig.Peer.Calls.InvokeAsync<string>(MessageKind.Invoke, "ch", [], Timeout.InfiniteTimeSpan, CancellationToken.None);
        long id = rig.Connection.Written[^1].Id;

        await Task.Run(() => rig.Connection.Deliver(Frames.ValueReply(id, "ch", "answer"))).Bounded();
        await Task.Run(() => rig.Connection.Deliver(Frames.Header(MessageKind.Cancel, 99, "ch"))).Bounded();

        Assert.Equal("answer", await call.Bounded());
        release.Set();
        rig.Endpoint.Drain();
    }

    [Fact]
    public void AProcessThatLeavesWithMessagesStillWaitingKeepsItsBudgetWhenItComesBack()
    {
        var budgets = new Ipc.Main.RendererBudgets(perProcess: 100, total: 1000);
        Ipc.Main.RendererBudgets.Share first = budgets.Acquire(7);
        Assert.True(first.Inbound.Take(150, mayWait: false, () => false));

        budgets.Release(7, first); // its connection closed; its message still waits for the dispatcher
        Ipc.Main.RendererBudgets.Share again = budgets.Acquire(7);

        Assert.Same(first, again);
        again.Inbound.Release(150);
        budgets.Release(7, again);
        Assert.NotSame(first, budgets.Acquire(7)); // nothing held and no connection: forgotten
    }

    [Fact]
    public async Task ConnectionsOfOneProcessShareOneBudget()
    {
        byte[] frame = Frames.Message(MessageKind.Send, 0, "a");
        var total = new MemoryBudget(long.MaxValue);
        MemoryBudget process = total.ForProcess(frame.Length - 1);
        using var one = new PeerRig(InboundPolicy.ForMain(process), readingThread: true);
        using var other = new PeerRig(InboundPolicy.ForMain(process), readingThread: true);
        using var release = new ManualResetEventSlim();
        one.Endpoint.Listener = (_, _) => release.Wait(Rig.Patience);
        other.Endpoint.Listener = (_, _) => { };

        await Task.Run(() => one.Connection.Deliver(frame)).Bounded();
        Task reading = Task.Run(() => other.Connection.Deliver(frame)); // the other connection's reader waits for the first's bytes
        AssertReaderWaits(other);
        Assert.Equal(frame.Length, total.Used);
        release.Set();

        await reading.Bounded();
        one.Endpoint.Drain();
        other.Endpoint.Drain();
        Assert.Equal(0, total.Used);
    }

    [Fact]
    public void FramesThatAreNotAdmittedGiveTheirBytesBack()
    {
        using var rig = new PeerRig(MainPolicy(budget: 1024 * 1024));

        rig.Connection.Deliver([0xFF, 1, 2]); // malformed
        rig.Connection.Deliver(Frames.Header(MessageKind.Cancel, 5, "nothing")); // a cancel for no invocation
        rig.Connection.Deliver(Frames.Header(MessageKind.MainSend, 0, "refused")); // a kind main does not accept
        rig.Endpoint.Drain(); // the cancel is dispatched (it finds nothing to cancel)

        Assert.Equal(0, rig.Peer.Inbound.Budget!.Used);
    }

    /// <summary>A main-side rig whose budget <paramref name="frame"/> has spent: its listener holds it until <paramref name="release"/>.</summary>
    private static async Task<PeerRig> SpentBudgetAsync(byte[] frame, ManualResetEventSlim release)
    {
        var rig = new PeerRig(MainPolicy(budget: frame.Length - 1), readingThread: true);
        rig.Endpoint.Listener = (_, _) => release.Wait(Rig.Patience);
        await Task.Run(() => rig.Connection.Deliver(frame)).Bounded(); // a single frame always goes in, even past the limit
        return rig;
    }

    private static void AssertReaderWaits(PeerRig rig) =>
        Assert.True(SpinWait.SpinUntil(() => Probes.WaitingReaders(rig.Peer.Inbound) == 1, Rig.Patience), "the reader never waited for room");

    private static InboundPolicy MainPolicy(long budget) => InboundPolicy.ForMain(new MemoryBudget(long.MaxValue).ForProcess(budget));

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

    [Fact]
    public async Task TheTotalAcrossProcessesStopsTheReadersOfEveryProcess()
    {
        byte[] frame = Frames.Message(MessageKind.Send, 0, "a");
        var total = new MemoryBudget(frame.Length - 1);
        using var one = new PeerRig(InboundPolicy.ForMain(total.ForProcess(long.MaxValue)), readingThread: true);
        using var other = new PeerRig(InboundPolicy.ForMain(total.ForProcess(long.MaxValue)), readingThread: true);
        using var release = new ManualResetEventSlim();
        one.Endpoint.Listener = (_, _) => release.Wait(Rig.Patience);

        await Task.Run(() => one.Connection.Deliver(frame)).Bounded(); // the total is spent by the first process
        Task reading = Task.Run(() => other.Connection.Deliver(frame));
        AssertReaderWaits(other); // the second process has room of its own, but not in the total
        release.Set();

        await reading.Bounded();
        one.Endpoint.Drain();
        other.Endpoint.Drain();
        Assert.Equal(0, total.Used);
    }
}
