using System.Diagnostics;
using Ipc.CrossProcess.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// Supervised renderers in real child processes: killed with SIGKILL, one is restarted as a new process that serves, and
/// the call pending at the kill fails at once; one whose dispatcher blocks while its process runs is found by the
/// heartbeat within the configured bound, killed and restarted; stopping lets one leave, disposing kills one at once.
/// </summary>
public sealed class SupervisionTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The bound on a process start or a restart: generous, since a CI machine of 2 cores may be busy.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    private readonly TestProcesses _processes = new();
    private readonly IpcMain _main = new();

    public void Dispose()
    {
        _main.Dispose();
        _processes.Dispose();
    }

    [Fact]
    public async Task A_renderer_killed_with_SIGKILL_is_restarted_as_a_new_process_that_serves_and_the_pending_call_fails_at_once()
    {
        await using IpcSupervisedRenderer supervised = _main.SuperviseRenderer(() => TestProcesses.StartInfo("serve"));
        Task<IpcRendererRestartedEventArgs> restarted = Next<IpcRendererRestartedEventArgs>(h => supervised.Restarted += h);
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("handler-started", (_, _) => handlerStarted.TrySetResult());
        IpcSender first = await supervised.StartAsync().WaitAsync(StartBound);
        _processes.Track(first.ProcessId);
        Task<string?> pending = first.InvokeAsync<string>("never", "pending at the kill"); // its handler never answers
        await Eventually.Within(handlerStarted.Task);

        var sinceKill = Stopwatch.StartNew();
        using (Process process = Process.GetProcessById(first.ProcessId))
        {
            process.Kill(); // SIGKILL on Linux and macOS
        }

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(pending)); // not after RendererInvokeTimeout's 30 s
        output.WriteLine($"the pending call failed {sinceKill.ElapsedMilliseconds} ms after the kill");
        IpcRendererRestartedEventArgs restart = await restarted.WaitAsync(StartBound);
        _processes.Track(restart.Renderer.ProcessId);
        output.WriteLine($"restarted as {restart.Renderer} after {sinceKill.ElapsedMilliseconds} ms: {restart.Exit}");
        Assert.Equal(IpcRendererExitReason.Crashed, restart.Reason);
        Assert.Same(first, restart.Exit.Renderer);
        Assert.Equal(first.ProcessId, restart.Exit.ProcessId);
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(-1, restart.Exit.ExitCode); // TerminateProcess with the code .NET gives it
        }
        else
        {
            Assert.Equal(137, restart.Exit.ExitCode); // .NET reports a child ended by signal n as 128 + n
            Assert.Equal(9, restart.Exit.Signal);
        }

        Assert.Equal(1, restart.Attempt);
        Assert.Equal(IpcSupervisionOptions.DefaultInitialRestartDelay, restart.Delay);
        Assert.NotEqual(first.ProcessId, restart.Renderer.ProcessId);
        Assert.Same(restart.Renderer, supervised.Current);
        Assert.Equal("ok", await Eventually.Within(restart.Renderer.InvokeAsync<string>("status")));
        Assert.Equal([restart.Renderer], _main.Renderers);
    }

    [Fact]
    public async Task A_renderer_whose_dispatcher_blocks_is_reported_unresponsive_within_the_bound_then_killed_and_restarted()
    {
        var options = new IpcSupervisionOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), UnresponsiveTimeout = TimeSpan.FromSeconds(3) };
        await using IpcSupervisedRenderer supervised = _main.SuperviseRenderer(() => TestProcesses.StartInfo("unresponsive"), options);
        Task<IpcRendererUnresponsiveEventArgs> unresponsive = Next<IpcRendererUnresponsiveEventArgs>(h => supervised.Unresponsive += h);
        Task<IpcRendererRestartedEventArgs> restarted = Next<IpcRendererRestartedEventArgs>(h => supervised.Restarted += h);
        IpcSender first = await supervised.StartAsync().WaitAsync(StartBound);
        _processes.Track(first.ProcessId);
        Assert.Equal("ok", await Eventually.Within(first.InvokeAsync<string>("status")));

        var sinceBlock = Stopwatch.StartNew();
        first.Send("block"); // its dispatcher sleeps from now on; its process lives

        IpcRendererUnresponsiveEventArgs report = await unresponsive.WaitAsync(StartBound);
        TimeSpan detected = sinceBlock.Elapsed;
        output.WriteLine($"reported unresponsive {detected.TotalMilliseconds:F0} ms after the block");
        Assert.Same(first, report.Renderer);
        Assert.True(report.WillRestart);
        Assert.InRange(detected, options.UnresponsiveTimeout - TimeSpan.FromMilliseconds(100), options.HeartbeatInterval + options.UnresponsiveTimeout + TimeSpan.FromSeconds(3));
        IpcRendererRestartedEventArgs restart = await restarted.WaitAsync(StartBound);
        _processes.Track(restart.Renderer.ProcessId);
        Assert.Equal(IpcRendererExitReason.Hung, restart.Reason);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(137, restart.Exit.ExitCode);
        }

        Assert.NotEqual(first.ProcessId, restart.Renderer.ProcessId);
        Assert.Equal("ok", await Eventually.Within(restart.Renderer.InvokeAsync<string>("status")));
    }

    [Fact]
    public async Task Stopping_lets_the_renderer_exit_by_itself_and_restarts_nothing()
    {
        IpcSupervisedRenderer supervised = _main.SuperviseRenderer(() => TestProcesses.StartInfo("serve"));
        IpcSender renderer = await supervised.StartAsync().WaitAsync(StartBound);
        _processes.Track(renderer.ProcessId);

        await supervised.StopAsync().WaitAsync(StartBound);

        IpcSupervisionEndedEventArgs ended = await supervised.Completion;
        Assert.Equal(IpcSupervisionEndReason.Stopped, ended.Reason);
        Assert.Null(ended.LastExit); // its exit on request is no failure
        Assert.True(HasExited(renderer.ProcessId));
        Assert.Empty(_main.Renderers);
        Assert.Null(supervised.Current);
    }

    [Fact]
    public async Task Dispose_kills_a_renderer_that_would_not_exit_by_itself()
    {
        IpcSupervisedRenderer supervised = _main.SuperviseRenderer(() => TestProcesses.StartInfo("unresponsive"));
        IpcSender renderer = await supervised.StartAsync().WaitAsync(StartBound);
        _processes.Track(renderer.ProcessId);
        renderer.Send("block"); // it would never see main leave
        Assert.Single(_main.Renderers);

        supervised.Dispose();

        await Eventually.TrueAsync(() => HasExited(renderer.ProcessId), "the renderer process has been killed");
        Assert.Equal(IpcSupervisionEndReason.Stopped, (await Eventually.Within(supervised.Completion)).Reason);
    }

    /// <summary>The next event a handler attached by <paramref name="subscribe"/> receives.</summary>
    private static Task<T> Next<T>(Action<EventHandler<T>> subscribe)
    {
        var next = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, e) => next.TrySetResult(e));
        return next.Task;
    }

    private static bool HasExited(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process any more
        }
    }
}
