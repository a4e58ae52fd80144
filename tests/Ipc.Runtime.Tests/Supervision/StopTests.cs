using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// Stopping supervision: StopAsync lets the renderer leave (its exit is no crash) and kills it after ShutdownTimeout;
/// Dispose and main's Dispose kill it at once; nothing restarts and no event is raised afterwards, and no timer of
/// supervision is left armed once it has ended.
/// </summary>
public sealed class StopTests
{
    [Fact]
    public async Task StopAsyncClosesTheConnectionAndARendererThatThenExitsIsNotACrash()
    {
        await using var rig = new SupervisionRig(o => o.HeartbeatInterval = TimeSpan.FromSeconds(5));
        IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
        FakeProcess process = rig.Renderers.Processes[0]; // exits 0 when main closes its connection

        await rig.Supervised.StopAsync().Bounded();

        Assert.False(renderer.IsConnected);
        Assert.Equal(0, await process.Exited.Bounded());
        Assert.False(process.Killed);
        IpcSupervisionEndedEventArgs ended = await rig.Supervised.Completion.Bounded();
        Assert.Equal(IpcSupervisionEndReason.Stopped, ended.Reason);
        Assert.Null(ended.LastExit);
        Assert.Null(rig.Supervised.Current);
        Assert.Equal(0, rig.Clock.ArmedTimers);
        Assert.Equal(1, rig.Renderers.Starts);
        Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync());
    }

    [Fact]
    public async Task StopAsyncKillsARendererThatHasNotExitedWithinTheShutdownTimeout()
    {
        await using var rig = new SupervisionRig();
        rig.Renderers.ExitWhenDisconnected = false;
        await rig.Supervised.StartAsync().Bounded();
        FakeProcess process = rig.Renderers.Processes[0];

        Task stop = rig.Supervised.StopAsync();
        await rig.Clock.WaitForTimerAsync(IpcSupervisionOptions.DefaultShutdownTimeout, "the shutdown timeout");
        Assert.False(process.Killed);
        rig.Clock.Advance(IpcSupervisionOptions.DefaultShutdownTimeout);

        await stop.Bounded();
        Assert.True(process.Killed);
        Assert.Equal(0, rig.Clock.ArmedTimers);
        Assert.Equal(IpcSupervisionEndReason.Stopped, (await rig.Supervised.Completion).Reason);
    }

    [Fact]
    public async Task CancellingStopAsyncKillsAtOnce()
    {
        await using var rig = new SupervisionRig();
        rig.Renderers.ExitWhenDisconnected = false;
        await rig.Supervised.StartAsync().Bounded();
        using var hurry = new CancellationTokenSource();

        Task stop = rig.Supervised.StopAsync(hurry.Token);
        await rig.Clock.WaitForTimerAsync(IpcSupervisionOptions.DefaultShutdownTimeout, "the shutdown timeout");
        hurry.Cancel();

        await stop.Bounded(); // returns normally: the stop is done, only sooner
        Assert.True(rig.Renderers.Processes[0].Killed);
    }

    [Fact]
    public async Task StopAsyncDuringTheBackOffStartsNothingMore()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();
        rig.Renderers.Processes[0].Exit(1);
        await rig.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), "the back-off");

        await rig.Supervised.StopAsync().Bounded();

        IpcSupervisionEndedEventArgs ended = await rig.Supervised.Completion.Bounded();
        Assert.Equal(IpcSupervisionEndReason.Stopped, ended.Reason);
        Assert.Equal(IpcRendererExitReason.Crashed, ended.LastExit!.Reason);
        Assert.Equal(0, rig.Clock.ArmedTimers);
        rig.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, rig.Renderers.Starts);
    }

    [Fact]
    public async Task DisposeKillsTheRendererAtOnceAndRaisesNothingAfterwards()
    {
        await using var rig = new SupervisionRig(o => o.HeartbeatInterval = TimeSpan.FromSeconds(5));
        IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
        FakeProcess process = rig.Renderers.Processes[0];

        rig.Supervised.Dispose();

        Assert.True(process.Killed); // before Dispose returned
        Assert.Null(rig.Supervised.Current);
        Assert.Throws<ObjectDisposedException>(() => { _ = rig.Supervised.WaitForRendererAsync(); });
        Assert.Throws<ObjectDisposedException>(() => { _ = rig.Supervised.StartAsync(); });
        rig.Supervised.Dispose(); // again: nothing happens
        Assert.Equal(IpcSupervisionEndReason.Stopped, (await rig.Supervised.Completion.Bounded()).Reason);
        Assert.False(renderer.IsConnected);
        Assert.Equal(0, rig.Clock.ArmedTimers);
        Assert.Equal(1, rig.Renderers.Starts);
        Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync());
    }

    [Fact]
    public async Task AnEventQueuedBeforeDisposeIsNotRaisedAfterIt()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();
        using var mainBusy = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Dispatcher.Enqueue(new ActionItem(() =>
        {
            blocked.SetResult();
            mainBusy.Wait(Rig.Patience);
        }));
        await blocked.Task.Bounded();
        try
        {
            await rig.CrashAndRestartWithoutReadingAsync(1, TimeSpan.FromSeconds(1)); // its Restarted waits behind main's busy item

            rig.Supervised.Dispose();
        }
        finally
        {
            mainBusy.Set();
        }

        Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync());
    }

    [Fact]
    public async Task WaitsPendingWhenSupervisionStopsFailWithObjectDisposedException()
    {
        await using var rig = new SupervisionRig();
        rig.Renderers.Then(FakeStart.NeverConnect);
        Task<IpcSender> start = rig.Supervised.StartAsync();
        Task<IpcSender> wait = rig.Supervised.WaitForRendererAsync();
        FakeProcess starting = await rig.Renderers.ProcessAsync(1);

        rig.Supervised.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => start.Bounded());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.Bounded());
        await Waiting.UntilAsync(() => starting.Killed); // the start that had not connected is ended too
    }

    [Fact]
    public async Task CancellingStartAsyncStopsSupervisionAndKillsTheStartingProcess()
    {
        await using var rig = new SupervisionRig();
        rig.Renderers.Then(FakeStart.NeverConnect);
        using var cancel = new CancellationTokenSource();
        Task<IpcSender> start = rig.Supervised.StartAsync(cancel.Token);
        FakeProcess process = await rig.Renderers.ProcessAsync(1);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start.Bounded());
        Assert.True(process.Killed);
        Assert.Equal(IpcSupervisionEndReason.Stopped, (await rig.Supervised.Completion.Bounded()).Reason);
        Assert.Equal(1, rig.Renderers.Starts);
    }

    [Fact]
    public async Task DisposingMainStopsSupervisionAndKillsTheRenderer()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();

        rig.Main.Dispose();

        Assert.True(rig.Renderers.Processes[0].Killed);
        Assert.Equal(IpcSupervisionEndReason.MainDisposed, (await rig.Supervised.Completion.Bounded()).Reason);
        Assert.Throws<ObjectDisposedException>(() => { _ = rig.Supervised.WaitForRendererAsync(); });
        Assert.Equal(1, rig.Renderers.Starts);
    }

    [Fact]
    public async Task StoppingSupervisionThatNeverStartedEndsItAtOnce()
    {
        await using var rig = new SupervisionRig();

        await rig.Supervised.StopAsync().Bounded();

        Assert.Equal(IpcSupervisionEndReason.Stopped, (await rig.Supervised.Completion.Bounded()).Reason);
        Assert.Equal(0, rig.Renderers.Starts);
        await rig.Supervised.StopAsync().Bounded(); // again: the same end
    }

    [Fact]
    public async Task AnEndedSupervisionLeavesMain()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();

        await rig.Supervised.StopAsync().Bounded();

        rig.Main.Dispose(); // does not touch the ended supervision again
        Assert.Equal(IpcSupervisionEndReason.Stopped, (await rig.Supervised.Completion).Reason);
    }
}
