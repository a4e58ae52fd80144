using System.Diagnostics;
using Ipc.CrossProcess.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.CrossProcess.Tests;

/// <summary>Main in the test process, renderers in child processes started with StartRendererAsync.</summary>
public sealed class RendererProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestProcesses _processes = new();
    private readonly IpcMain _main = new();

    public void Dispose()
    {
        _main.Dispose();
        _processes.Dispose();
    }

    [Fact]
    public async Task Ping_pong_crosses_the_process_boundary()
    {
        var syncFrom = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asyncFrom = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("synchronous-message", (e, args) =>
        {
            syncFrom.TrySetResult(e.Sender.ProcessId);
            e.ReturnValue = args.Get<string>(0) == "ping" ? "pong" : "?";
        });
        _main.On("asynchronous-message", (e, args) =>
        {
            asyncFrom.TrySetResult(e.Sender.ProcessId);
            e.Sender.Send("asynchronous-reply", args.Get<string>(0) == "ping" ? "pong" : "?");
        });
        Task<IpcRendererGoneEventArgs> gone = NextRendererGone();

        IpcSender renderer = await StartAsync("ping");

        Assert.NotEqual(Environment.ProcessId, renderer.ProcessId);
        Assert.Equal(renderer.ProcessId, await Eventually.Within(syncFrom.Task));
        Assert.Equal(renderer.ProcessId, await Eventually.Within(asyncFrom.Task));
        IpcRendererGoneEventArgs goneArgs = await Eventually.Within(gone);
        Assert.Same(renderer, goneArgs.Renderer);
        Assert.Equal(0, goneArgs.ExitCode); // the child exits 0 only if both answers it got were "pong"
        Assert.DoesNotContain(renderer, _main.Renderers);
    }

    [Fact]
    public async Task A_renderer_that_exits_is_reported_gone_with_its_exit_code()
    {
        Task<IpcRendererGoneEventArgs> gone = NextRendererGone();

        IpcSender renderer = await StartAsync("exit", "7");

        IpcRendererGoneEventArgs goneArgs = await Eventually.Within(gone);
        Assert.Same(renderer, goneArgs.Renderer);
        Assert.Equal(7, goneArgs.ExitCode);
        Assert.Empty(_main.Renderers);
    }

    [Fact]
    public async Task A_renderer_that_exits_before_connecting_fails_the_start_with_its_exit_code()
    {
        IpcException error = await Assert.ThrowsAsync<IpcException>(() => Eventually.Within(_main.StartRendererAsync(TestProcesses.StartInfo("exit-now", "5"))));

        Assert.Contains("exited with code 5 before connecting", error.Message);
        Assert.Empty(_main.Renderers);
    }

    [Fact]
    public async Task Cancelling_a_start_kills_the_child_that_has_not_connected()
    {
        string pidFile = Path.GetTempFileName();
        using var cancel = new CancellationTokenSource();
        Task<IpcSender> start = _main.StartRendererAsync(TestProcesses.StartInfo("silent", pidFile), cancel.Token);
        await Eventually.TrueAsync(() => new FileInfo(pidFile).Length > 0, "the child has started");
        int processId = int.Parse(File.ReadAllText(pidFile));
        _processes.Track(processId);
        File.Delete(pidFile);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(start));
        await Eventually.TrueAsync(() => HasExited(processId), "the child is killed");
        Assert.Empty(_main.Renderers);
    }

    [Fact]
    public async Task Killing_a_renderer_mid_SendSync_leaves_main_serving_the_others()
    {
        var holdArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        _main.On("hold", (e, args) =>
        {
            holdArrived.TrySetResult();
            release.Wait(Eventually.Bound);
            e.ReturnValue = "too late"; // its renderer is dead by now: the reply must be dropped quietly
        });
        _main.On("sync-echo", (e, args) => e.ReturnValue = args.Get<string>(0) + "!");
        var echoed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("echo-reply", (e, args) => echoed.TrySetResult(args.Get<string>(0)));
        var errors = new List<IpcErrorEventArgs>();
        _main.Error += (_, e) => errors.Add(e);
        Task<IpcRendererGoneEventArgs> gone = NextRendererGone();
        IpcSender survivor = await StartAsync("echo");
        IpcSender victim = await StartAsync("hold");
        await Eventually.Within(holdArrived.Task);

        using (Process process = Process.GetProcessById(victim.ProcessId))
        {
            process.Kill(); // SIGKILL: no chance to close anything itself
        }

        TimeSpan noticed = await Eventually.TrueAsync(() => !victim.IsConnected, "main notices the killed renderer");
        output.WriteLine($"main noticed the killed renderer after {noticed.TotalMilliseconds:0} ms");
        release.Set();

        IpcRendererGoneEventArgs goneArgs = await Eventually.Within(gone);
        output.WriteLine($"exit code reported: {goneArgs.ExitCode}");
        Assert.Same(victim, goneArgs.Renderer);
        Assert.NotNull(goneArgs.ExitCode);
        Assert.NotEqual(0, goneArgs.ExitCode);
        Assert.Equal([survivor], _main.Renderers);

        // The survivor still gets main's messages, and main still answers its SendSync.
        survivor.Send("echo-request", "still here");
        Assert.Equal("still here!", await Eventually.Within(echoed.Task));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_renderer_killed_while_mains_sync_listener_for_it_runs_is_noticed_before_that_listener_returns()
    {
        var holdArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        bool listenerReturned = false;
        _main.On("hold", (e, args) =>
        {
            holdArrived.TrySetResult();
            release.Wait(Eventually.Bound * 2); // longer than the test waits for the notice below
            Volatile.Write(ref listenerReturned, true);
        });
        IpcSender victim = await StartAsync("hold");
        await Eventually.Within(holdArrived.Task);

        using (Process process = Process.GetProcessById(victim.ProcessId))
        {
            process.Kill();
        }

        TimeSpan noticed = await Eventually.TrueAsync(
            () => !victim.IsConnected && !_main.Renderers.Contains(victim),
            "main notices the killed renderer while its listener still runs");
        output.WriteLine($"main noticed the killed renderer after {noticed.TotalMilliseconds:0} ms");
        Assert.False(Volatile.Read(ref listenerReturned));
        release.Set();
    }

    [Fact]
    public async Task Disposing_main_disconnects_its_renderer_processes_and_removes_the_socket_directory()
    {
        Task<IpcRendererGoneEventArgs> gone = NextRendererGone();
        IpcSender renderer = await StartAsync("echo");
        string address = _main.Listen().Address;
        using Process process = Process.GetProcessById(renderer.ProcessId);

        _main.Dispose();

        await Eventually.Within(process.WaitForExitAsync()); // the echo renderer exits only once it sees the disconnection
        Assert.False(renderer.IsConnected);
        Assert.False(gone.IsCompleted); // no event once Dispose has returned, RendererGone included, so no exit code either
        if (!OperatingSystem.IsWindows())
        {
            Assert.False(Directory.Exists(Path.GetDirectoryName(address)));
        }
    }

    private async Task<IpcSender> StartAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(Eventually.Bound * 2);
        IpcSender renderer = await _main.StartRendererAsync(TestProcesses.StartInfo(arguments), timeout.Token);
        _processes.Track(renderer.ProcessId);
        return renderer;
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

    private Task<IpcRendererGoneEventArgs> NextRendererGone()
    {
        var gone = new TaskCompletionSource<IpcRendererGoneEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.RendererGone += (_, e) => gone.TrySetResult(e);
        return gone.Task;
    }
}
