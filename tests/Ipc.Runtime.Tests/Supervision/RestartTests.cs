using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// A supervised renderer that ends is restarted after its back-off, within the crash budget, with a new IpcSender;
/// each restart says why the old instance ended. Driven by a fake clock: nothing here waits for real time to pass.
/// </summary>
public sealed class RestartTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ACrashedRendererIsRestartedOnlyAfterTheInitialDelayWithANewSender()
    {
        await using var rig = new SupervisionRig();
        IpcSender first = await rig.Supervised.StartAsync().Bounded();
        FakeProcess firstProcess = rig.Renderers.Processes[0];

        firstProcess.Exit(3);
        await rig.Clock.WaitForTimerAsync(OneSecond, "the back-off before the first restart");

        Assert.Null(rig.Supervised.Current);
        Assert.False(first.IsConnected);
        Assert.Equal(1, rig.Renderers.Starts); // nothing restarts before its delay has passed
        rig.Clock.Advance(OneSecond);
        IpcRendererRestartedEventArgs restart = await rig.RestartedAsync();
        Assert.Equal(IpcRendererExitReason.Crashed, restart.Reason);
        Assert.Equal(3, restart.Exit.ExitCode);
        Assert.Same(first, restart.Exit.Renderer);
        Assert.Equal(firstProcess.Id, restart.Exit.ProcessId);
        Assert.Equal(1, restart.Attempt);
        Assert.Equal(OneSecond, restart.Delay);
        Assert.NotSame(first, restart.Renderer);
        Assert.True(restart.Renderer.IsConnected);
        Assert.Same(restart.Renderer, rig.Supervised.Current);
        Assert.Same(restart.Renderer, await rig.Supervised.WaitForRendererAsync().Bounded());
    }

    [Fact]
    public async Task TheBackOffDoublesWithEachRestartInARowUpToTheMaximum()
    {
        await using var rig = new SupervisionRig(o => { o.MaxRestarts = 10; o.MaxRestartDelay = TimeSpan.FromSeconds(4); });
        await rig.Supervised.StartAsync().Bounded();

        var restarts = new List<IpcRendererRestartedEventArgs>();
        foreach (int seconds in new[] { 1, 2, 4, 4 })
        {
            restarts.Add(await rig.CrashAndRestartAsync(1, TimeSpan.FromSeconds(seconds)));
        }

        Assert.Equal([1, 2, 4, 4], restarts.Select(r => r.Delay.TotalSeconds));
        Assert.Equal([1, 2, 3, 4], restarts.Select(r => r.Attempt));
        Assert.Equal(5, rig.Renderers.Starts);
    }

    [Fact]
    public async Task WhenTheBudgetIsSpentSupervisionGivesUpAndReportsTheLastExit()
    {
        await using var rig = new SupervisionRig(); // the defaults: 3 restarts in 5 minutes
        await rig.Supervised.StartAsync().Bounded();
        await rig.CrashAndRestartAsync(1, TimeSpan.FromSeconds(1));
        await rig.CrashAndRestartAsync(1, TimeSpan.FromSeconds(2));
        await rig.CrashAndRestartAsync(1, TimeSpan.FromSeconds(4));

        rig.Renderers.Processes[^1].Exit(134);

        IpcSupervisionEndedEventArgs ended = await rig.EndedAsync();
        Assert.Equal(IpcSupervisionEndReason.GaveUp, ended.Reason);
        Assert.Equal(IpcRendererExitReason.Crashed, ended.LastExit!.Reason);
        Assert.Equal(134, ended.LastExit.ExitCode);
        Assert.Equal(3, ended.Restarts);
        Assert.Same(ended, await rig.Supervised.Completion.Bounded());
        Assert.Null(rig.Supervised.Current);
        IpcException error = await Assert.ThrowsAsync<IpcException>(() => rig.Supervised.WaitForRendererAsync().Bounded());
        Assert.Contains("gave up", error.Message);
        Assert.Equal(4, rig.Renderers.Starts);
        Assert.Equal(0, rig.Clock.ArmedTimers);
    }

    [Fact]
    public async Task RestartsOlderThanTheWindowNoLongerCountAgainstTheBudget()
    {
        await using var rig = new SupervisionRig(o => o.MaxRestarts = 1);
        await rig.Supervised.StartAsync().Bounded();
        await rig.CrashAndRestartAsync(1, OneSecond); // the one restart the budget allows, decided at 0:00

        rig.Clock.Advance(TimeSpan.FromMinutes(5)); // the restart decided at 0:00 leaves the window
        IpcRendererRestartedEventArgs restart = await rig.CrashAndRestartAsync(1, OneSecond);

        Assert.Equal(1, restart.Attempt); // and the instance lived as long as the window: the back-off starts over
        Assert.Equal(3, rig.Renderers.Starts);
    }

    [Fact]
    public async Task RestartsWithinTheWindowCountAgainstTheBudget()
    {
        await using var rig = new SupervisionRig(o => o.MaxRestarts = 1);
        await rig.Supervised.StartAsync().Bounded();
        await rig.CrashAndRestartAsync(1, OneSecond); // decided at 0:00

        rig.Clock.Advance(TimeSpan.FromMinutes(5) - OneSecond - TimeSpan.FromTicks(1)); // just before 5:00
        rig.Renderers.Processes[^1].Exit(1);

        Assert.Equal(IpcSupervisionEndReason.GaveUp, (await rig.EndedAsync()).Reason);
        Assert.Equal(2, rig.Renderers.Starts);
    }

    [Fact]
    public async Task AProcessThatExitsBeforeConnectingIsABootFailureNotACrash()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();
        rig.Renderers.Then(FakeStart.ExitBeforeConnecting, FakeStart.Connect);

        rig.Renderers.Processes[0].Exit(1);
        await rig.Clock.AdvanceTimerAsync(OneSecond, "the back-off after the crash");
        await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(2), "the back-off after the boot failure");
        IpcRendererRestartedEventArgs restart = await rig.RestartedAsync();

        Assert.Equal(IpcRendererExitReason.BootFailure, restart.Reason);
        Assert.Equal(rig.Renderers.BootExitCode, restart.Exit.ExitCode);
        Assert.Equal(rig.Renderers.Processes[1].Id, restart.Exit.ProcessId);
        Assert.Null(restart.Exit.Renderer);
        Assert.Equal(TimeSpan.Zero, restart.Exit.Uptime);
        Assert.Equal(2, restart.Attempt);
        Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync()); // one Restarted per instance that connected
    }

    [Fact]
    public async Task AFirstStartThatFailsIsRetriedAndStartAsyncReturnsTheInstanceThatConnected()
    {
        await using var rig = new SupervisionRig();
        rig.Renderers.Then(FakeStart.Throw, FakeStart.ExitBeforeConnecting);

        Task<IpcSender> start = rig.Supervised.StartAsync();
        await rig.Clock.AdvanceTimerAsync(OneSecond, "the back-off after the failed start");
        await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(2), "the back-off after the boot failure");

        IpcSender renderer = await start.Bounded();
        Assert.Same(renderer, (await rig.RestartedAsync()).Renderer);
        Assert.Equal(3, rig.Renderers.Starts);
    }

    [Fact]
    public async Task AStartThatCannotStartAProcessIsABootFailureCarryingItsException()
    {
        await using var rig = new SupervisionRig(o => o.MaxRestarts = 1);
        rig.Renderers.Otherwise = FakeStart.Throw;

        Task<IpcSender> start = rig.Supervised.StartAsync();
        await rig.Clock.AdvanceTimerAsync(OneSecond, "the back-off after the failed start");

        IpcException error = await Assert.ThrowsAsync<IpcException>(() => start.Bounded());
        Assert.Same(rig.Renderers.StartError, error.InnerException);
        IpcSupervisionEndedEventArgs ended = await rig.EndedAsync();
        Assert.Equal(IpcSupervisionEndReason.GaveUp, ended.Reason);
        Assert.Equal(IpcRendererExitReason.BootFailure, ended.LastExit!.Reason);
        Assert.Null(ended.LastExit.ProcessId);
        Assert.Same(rig.Renderers.StartError, ended.LastExit.Exception);
    }

    [Fact]
    public async Task AStartInfoFunctionThatThrowsIsABootFailure()
    {
        await using var main = new IpcMainScope();
        var clock = new WatchedClock();
        var failure = new InvalidOperationException("no renderer configured");
        IpcSupervisedRenderer supervised = main.Main.SuperviseRendererWith(
            () => new FakeRenderers(main.Main),
            () => throw failure,
            new IpcSupervisionOptions { TimeProvider = clock, MaxRestarts = 0 }.Validated());

        IpcException error = await Assert.ThrowsAsync<IpcException>(() => supervised.StartAsync().Bounded());

        Assert.Same(failure, error.InnerException);
        Assert.Equal(IpcRendererExitReason.BootFailure, (await supervised.Completion.Bounded()).LastExit!.Reason);
    }

    [Fact]
    public async Task ACleanExitMainDidNotAskForIsRestartedAndReportedAsExited()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();

        IpcRendererRestartedEventArgs restart = await rig.CrashAndRestartAsync(0, OneSecond);

        Assert.Equal(IpcRendererExitReason.Exited, restart.Reason);
        Assert.Equal(0, restart.Exit.ExitCode);
    }

    [Fact]
    public async Task WithoutRestartOnCleanExitACleanExitEndsSupervision()
    {
        await using var rig = new SupervisionRig(o => o.RestartOnCleanExit = false);
        await rig.Supervised.StartAsync().Bounded();

        rig.Renderers.Processes[0].Exit(0);

        IpcSupervisionEndedEventArgs ended = await rig.EndedAsync();
        Assert.Equal(IpcSupervisionEndReason.RendererExited, ended.Reason);
        Assert.Equal(IpcRendererExitReason.Exited, ended.LastExit!.Reason);
        Assert.Equal(0, ended.Restarts);
        await Assert.ThrowsAsync<IpcException>(() => rig.Supervised.WaitForRendererAsync().Bounded());
    }

    [Fact]
    public async Task WithoutRestartOnCleanExitACrashIsStillRestarted()
    {
        await using var rig = new SupervisionRig(o => o.RestartOnCleanExit = false);
        await rig.Supervised.StartAsync().Bounded();

        Assert.Equal(IpcRendererExitReason.Crashed, (await rig.CrashAndRestartAsync(1, OneSecond)).Reason);
    }

    [Fact]
    public async Task ARendererThatDisconnectsWhileItsProcessRunsIsKilledAfterAGraceAndRestarted()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();
        FakeProcess process = rig.Renderers.Processes[0];

        process.Disconnect();
        await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(2), "the grace a disconnected process gets to exit");
        await rig.Clock.AdvanceTimerAsync(OneSecond, "the back-off");
        IpcRendererRestartedEventArgs restart = await rig.RestartedAsync();

        Assert.True(process.Killed);
        Assert.Equal(IpcRendererExitReason.Disconnected, restart.Reason);
        Assert.Equal(137, restart.Exit.ExitCode);
    }

    [Fact]
    public async Task ARendererThatDisconnectsAndExitsWithinTheGraceIsReportedByItsExitCode()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();
        FakeProcess process = rig.Renderers.Processes[0];

        process.Disconnect();
        await rig.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2), "the grace a disconnected process gets to exit");
        process.Exit(0);
        await rig.Clock.AdvanceTimerAsync(OneSecond, "the back-off");

        IpcRendererRestartedEventArgs restart = await rig.RestartedAsync();
        Assert.False(process.Killed);
        Assert.Equal(IpcRendererExitReason.Exited, restart.Reason);
    }

    [Fact]
    public async Task WaitForRendererAsyncWaitsThroughARestartForTheNextInstance()
    {
        await using var rig = new SupervisionRig();
        IpcSender first = await rig.Supervised.StartAsync().Bounded();
        Assert.Same(first, await rig.Supervised.WaitForRendererAsync().Bounded());

        rig.Renderers.Processes[0].Exit(1);
        await rig.Clock.WaitForTimerAsync(OneSecond, "the back-off");
        Task<IpcSender> next = rig.Supervised.WaitForRendererAsync();
        Assert.False(next.IsCompleted);
        rig.Clock.Advance(OneSecond);

        IpcSender second = await next.Bounded();
        Assert.NotSame(first, second);
        Assert.Same(second, rig.Supervised.Current);
    }

    [Fact]
    public async Task CallsPendingToAndFromAnInstanceThatDiesFailAtOnce()
    {
        await using var rig = new SupervisionRig();
        var mainHandlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mainHandlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("main-never", (e, _) =>
        {
            e.CancellationToken.Register(() => mainHandlerCancelled.TrySetResult());
            mainHandlerStarted.TrySetResult();
            return new TaskCompletionSource<object?>().Task;
        });
        rig.Renderers.Configure = (r, _) => r.Handle("renderer-never", (_, _) => new TaskCompletionSource<object?>().Task);
        IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
        IpcRenderer inside = rig.Renderers.Processes[0].Renderer!;
        Task<int> toRenderer = renderer.InvokeAsync<int>("renderer-never");
        Task<int> fromRenderer = inside.InvokeAsync<int>("main-never");
        await mainHandlerStarted.Task.Bounded();

        rig.Renderers.Processes[0].Exit(137);

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => toRenderer.Bounded());
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => fromRenderer.Bounded());
        await mainHandlerCancelled.Task.Bounded(); // main's handler of the dead instance's call is told to stop
    }
}

/// <summary>A bare main for tests that set up their supervision themselves.</summary>
internal sealed class IpcMainScope : IAsyncDisposable
{
    public IpcMain Main { get; } = new();

    public ValueTask DisposeAsync()
    {
        Main.Dispose();
        return ValueTask.CompletedTask;
    }
}
