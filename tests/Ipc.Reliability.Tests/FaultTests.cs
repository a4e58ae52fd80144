using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.Protocol;
using Ipc.Reliability.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Reliability.Tests;

/// <summary>
/// One fault per test. After each: every calling thread has returned (no thread stays blocked), no task
/// exception went unobserved, and the survivors keep working.
/// </summary>
[Collection(nameof(SocketScenarios))]
public sealed class FaultTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly List<int> _processes = [];
    private readonly List<IDisposable> _owned = [];
    private readonly List<IpcErrorEventArgs> _mainErrors = [];

    public FaultTests(ITestOutputHelper output)
    {
        _output = output;
        UnobservedTasks.Watch();
    }

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        foreach (int processId in _processes)
        {
            ChildProcess.KillQuietly(processId);
        }
    }

    [Fact]
    public async Task Killing_a_renderer_during_a_SendSync_and_InvokeAsync_storm_leaves_main_serving_the_other()
    {
        IpcMain main = CreateMain();
        var answered = new Dictionary<int, int>();
        main.On("storm-sync", (e, args) => { Count(answered, e.Sender.Id); e.ReturnValue = args.Get<int>(0); });
        main.Handle("storm-invoke", (e, args) => { Count(answered, e.Sender.Id); return Task.FromResult<object?>(args.Get<int>(0)); });
        var gone = new List<IpcRendererGoneEventArgs>();
        main.RendererGone += (_, e) => { lock (gone) { gone.Add(e); } };
        IpcSender victim = await StartRendererAsync(main, "storm");
        IpcSender survivor = await StartRendererAsync(main, "storm");
        await Eventually.TrueAsync(() => Answered(answered, victim.Id) > 100 && Answered(answered, survivor.Id) > 100, "both renderers are storming");

        var clock = Stopwatch.StartNew();
        using (Process process = Process.GetProcessById(victim.ProcessId))
        {
            process.Kill(); // SIGKILL, in the middle of its calls
        }

        TimeSpan disconnected = await Eventually.TrueAsync(() => !victim.IsConnected, "main sees the killed renderer's connection close");
        await Eventually.TrueAsync(() => { lock (gone) { return gone.Count == 1; } }, "main raises RendererGone");
        _output.WriteLine($"kill -9 -> connection closed at main: {disconnected.TotalMilliseconds:0} ms; RendererGone raised: {clock.Elapsed.TotalMilliseconds:0} ms");

        IpcRendererGoneEventArgs goneArgs;
        lock (gone)
        {
            goneArgs = gone[0];
        }

        Assert.Same(victim, goneArgs.Renderer);
        Assert.Equal(137, goneArgs.ExitCode); // 128 + SIGKILL
        int before = Answered(answered, survivor.Id);
        await Eventually.TrueAsync(() => Answered(answered, survivor.Id) > before + 100, "the survivor's calls keep being answered");
        Assert.Equal([survivor], main.Renderers);
        Assert.All(MainErrors(), e => Assert.Same(victim, e.Sender)); // a frame cut by the kill may be reported, for the victim only

        using (System.Diagnostics.Process survivorProcess = System.Diagnostics.Process.GetProcessById(survivor.ProcessId))
        {
            main.Dispose();
            await Eventually.Within(survivorProcess.WaitForExitAsync()); // both its loops end with IpcDisconnectedException, then it exits
        }

        lock (gone)
        {
            Assert.Single(gone); // no RendererGone once Dispose has returned
        }

        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task Killing_main_fails_every_waiting_call_of_every_renderer_and_frees_their_threads()
    {
        var startInfo = ChildProcess.StartInfo("main-wait");
        startInfo.RedirectStandardOutput = true;
        Process mainProcess = Track(Process.Start(startInfo)!);
        string[] endpointLine = (await Eventually.Within(mainProcess.StandardOutput.ReadLineAsync()))!.Split(' ');
        var endpoint = new IpcEndpoint(endpointLine[1], endpointLine[2]);
        var options = new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan };
        IpcRenderer blocked = Own(await IpcRenderer.ConnectAsync(endpoint, options));
        IpcRenderer invoking = Own(await IpcRenderer.ConnectAsync(endpoint, options));
        IpcRenderer queued = Own(await IpcRenderer.ConnectAsync(endpoint, options));
        var disconnected = new CountdownEvent(3);
        foreach (IpcRenderer renderer in new[] { blocked, invoking, queued })
        {
            renderer.Disconnected += (_, _) => disconnected.Signal();
        }

        Task<string?> blockedCall = Task.Factory.StartNew(() => blocked.SendSync<string>("block", "x"), TaskCreationOptions.LongRunning);
        Assert.Equal("BLOCKED", await Eventually.Within(mainProcess.StandardOutput.ReadLineAsync()));
        Task<object?> neverAnswered = invoking.InvokeAsync<object>("never");
        Task<string?> queuedCall = Task.Factory.StartNew(() => queued.SendSync<string>("echo", "behind the blocked listener"), TaskCreationOptions.LongRunning);
        Task<object?> queuedInvoke = queued.InvokeAsync<object>("never");

        var clock = Stopwatch.StartNew();
        mainProcess.Kill();
        foreach (Task call in new Task[] { blockedCall, neverAnswered, queuedCall, queuedInvoke })
        {
            await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(call));
        }

        _output.WriteLine($"all four waiting calls failed {clock.Elapsed.TotalMilliseconds:0} ms after main was killed");
        Assert.True(disconnected.Wait(Eventually.Bound), "every renderer raises Disconnected");
        Assert.Throws<IpcDisconnectedException>(() => queued.SendSync<string>("echo", "x"));
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => invoking.InvokeAsync<object>("never"));
        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_frame_cut_in_half_then_end_of_stream_drops_that_renderer_with_a_reason_and_nothing_else()
    {
        IpcMain main = CreateMain();
        IpcEndpoint endpoint = main.Listen();
        IpcRenderer good = Own(await IpcRenderer.ConnectAsync(endpoint));
        var storm = new CallStorm(good);
        (RawClient client, int rendererId) = await RawClient.ConnectAcceptedAsync(endpoint);
        _owned.Add(client);
        byte[] frame = Frames.Message(MessageKind.SendSync, 1, "echo", new string('h', 1000));

        client.SendLength(frame.Length);
        client.SendBytes(frame.AsSpan(0, frame.Length / 2));
        client.ShutdownSend();

        await Eventually.TrueAsync(() => main.Renderers.All(r => r.Id != rendererId), "main drops the renderer that cut its frame");
        await Eventually.TrueAsync(() => MainErrors().Any(e => e.Sender?.Id == rendererId), "main reports why");
        IpcErrorEventArgs reported = Assert.Single(MainErrors());
        Assert.IsType<IpcDisconnectedException>(reported.Exception);
        Assert.Contains("broke", reported.Exception.Message);
        int before = storm.Answered;
        await Eventually.TrueAsync(() => storm.Answered > before + 50, "the good renderer's calls keep being answered");
        Assert.Equal([good.Id], main.Renderers.Select(r => r.Id));

        good.Dispose();
        Assert.True(await Eventually.Within(storm.SyncLoop) is IpcDisconnectedException or ObjectDisposedException); // pending calls fail, later ones find it disposed
        Assert.True(await Eventually.Within(storm.InvokeLoop) is IpcDisconnectedException or ObjectDisposedException);
        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_reply_cut_in_half_then_end_of_stream_fails_the_renderers_call_with_a_reason()
    {
        using var fakeMain = new FakeMain();
        IpcRenderer renderer = Own(await IpcRenderer.ConnectAsync(fakeMain.Endpoint, new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan }));
        var rendererError = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Error += (_, e) => rendererError.TrySetResult(e);

        Task<string?> call = Task.Factory.StartNew(() => renderer.SendSync<string>("echo", "cut me"), TaskCreationOptions.LongRunning);
        Frame request = Frame.Decode(await Task.Run(fakeMain.ReadFrame).WaitAsync(Eventually.Bound));
        byte[] reply = Frames.WithBody(MessageKind.Reply, request.Id, "echo", [(byte)ReplyStatus.Value, 1, 0, 0, 0, 8, 0, 0, 0, .. "\"cut me\""u8]);
        fakeMain.SendLength(reply.Length);
        fakeMain.Send(reply.AsSpan(0, reply.Length / 2));
        fakeMain.Close();

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(call));
        IpcErrorEventArgs reported = await Eventually.Within(rendererError.Task);
        Assert.IsType<IpcDisconnectedException>(reported.Exception);
        Assert.Contains("broke", reported.Exception.Message);
        Assert.False(renderer.IsConnected);
        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_listener_that_blocks_fires_the_SendSync_timeout_and_once_it_returns_everything_queued_flows_in_order()
    {
        // One dispatcher runs main's listeners, as Electron's main thread does: while a listener blocks, every
        // renderer's messages wait. What is promised: the caller's timeout fires, the connection stays healthy,
        // nothing is lost, and all of it flows once the listener returns.
        IpcMain main = CreateMain();
        using var release = new ManualResetEventSlim();
        main.On("block", (e, args) =>
        {
            release.Wait(Eventually.Bound * 4);
            e.ReturnValue = "too late";
        });
        var ticks = new List<int>();
        main.On("tick", (e, args) => { lock (ticks) { ticks.Add(args.Get<int>(0)); } });
        IpcEndpoint endpoint = main.Listen();
        IpcRenderer caller = Own(await IpcRenderer.ConnectAsync(endpoint, new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMilliseconds(300) }));
        IpcRenderer other = Own(await IpcRenderer.ConnectAsync(endpoint, new IpcRendererOptions { SendSyncTimeout = Eventually.Bound }));
        var callerErrors = new List<IpcErrorEventArgs>();
        caller.Error += (_, e) => callerErrors.Add(e);

        var clock = Stopwatch.StartNew();
        Assert.Throws<IpcTimeoutException>(() => caller.SendSync<string>("block", "x"));
        _output.WriteLine($"SendSync timed out after {clock.Elapsed.TotalMilliseconds:0} ms (timeout 300 ms)");
        for (int i = 0; i < 100; i++)
        {
            other.Send("tick", i); // accepted at once while main's dispatcher is blocked
        }

        Task<int> invoke = other.InvokeAsync<int>("add-one", 41);
        Assert.True(caller.IsConnected && other.IsConnected);
        Assert.False(invoke.IsCompleted);

        release.Set();

        Assert.Equal(42, await Eventually.Within(invoke));
        Assert.Equal("after", caller.SendSync<string>("echo", "after"));
        lock (ticks)
        {
            Assert.Equal(Enumerable.Range(0, 100), ticks);
        }

        Assert.Empty(callerErrors); // the late "too late" reply is dropped quietly
        Assert.Empty(MainErrors());
        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_handler_whose_task_never_completes_is_ended_by_cancellation_or_InvokeTimeout_and_main_keeps_dispatching()
    {
        IpcMain main = CreateMain();
        var handlerTokens = new List<CancellationToken>();
        main.Handle("never", (e, args) =>
        {
            lock (handlerTokens)
            {
                handlerTokens.Add(e.CancellationToken);
            }

            return new TaskCompletionSource<object?>().Task; // ignores its token too
        });
        IpcEndpoint endpoint = main.Listen();
        IpcRenderer renderer = Own(await IpcRenderer.ConnectAsync(endpoint));
        IpcRenderer timed = Own(await IpcRenderer.ConnectAsync(endpoint, new IpcRendererOptions { InvokeTimeout = TimeSpan.FromMilliseconds(300) }));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Task<object?> cancelled = renderer.InvokeAsync<object>("never", [], cancel.Token);
        Assert.Equal("meanwhile", renderer.SendSync<string>("echo", "meanwhile")); // the dispatcher is free
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(cancelled));
        await Assert.ThrowsAsync<IpcTimeoutException>(() => Eventually.Within(timed.InvokeAsync<object>("never")));

        await Eventually.TrueAsync(
            () => { lock (handlerTokens) { return handlerTokens.Count == 2 && handlerTokens.All(t => t.IsCancellationRequested); } },
            "both handlers' tokens are cancelled: main was told");
        Assert.Equal(2, await Eventually.Within(timed.InvokeAsync<int>("add-one", 1)));
        Assert.Empty(MainErrors());
        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task Disposing_main_during_traffic_ends_every_renderers_calls_with_IpcDisconnectedException()
    {
        IpcMain main = CreateMain();
        IpcEndpoint endpoint = main.Listen();
        var storms = new List<CallStorm>();
        for (int i = 0; i < 3; i++)
        {
            storms.Add(new CallStorm(Own(await IpcRenderer.ConnectAsync(endpoint, new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan }))));
        }

        await Eventually.TrueAsync(() => storms.All(s => s.Answered > 100), "all three renderers are calling");

        main.Dispose();

        foreach (CallStorm storm in storms)
        {
            Assert.IsType<IpcDisconnectedException>(await Eventually.Within(storm.SyncLoop));
            Assert.IsType<IpcDisconnectedException>(await Eventually.Within(storm.InvokeLoop));
        }

        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task Disposing_a_renderer_during_its_own_traffic_ends_its_calls_and_main_keeps_serving_the_others()
    {
        IpcMain main = CreateMain();
        var gone = new TaskCompletionSource<IpcRendererGoneEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        main.RendererGone += (_, e) => gone.TrySetResult(e);
        IpcEndpoint endpoint = main.Listen();
        IpcRenderer leaving = Own(await IpcRenderer.ConnectAsync(endpoint));
        IpcRenderer staying = Own(await IpcRenderer.ConnectAsync(endpoint));
        var leavingStorm = new CallStorm(leaving);
        var stayingStorm = new CallStorm(staying);
        await Eventually.TrueAsync(() => leavingStorm.Answered > 100 && stayingStorm.Answered > 100, "both renderers are calling");

        leaving.Dispose();

        Assert.True(await Eventually.Within(leavingStorm.SyncLoop) is IpcDisconnectedException or ObjectDisposedException); // the renderer disposed itself
        Assert.True(await Eventually.Within(leavingStorm.InvokeLoop) is IpcDisconnectedException or ObjectDisposedException); // the renderer disposed itself
        Assert.Equal(leaving.Id, (await Eventually.Within(gone.Task)).Renderer.Id);
        int before = stayingStorm.Answered;
        await Eventually.TrueAsync(() => stayingStorm.Answered > before + 100, "the other renderer's calls keep being answered");
        Assert.Empty(MainErrors());

        staying.Dispose();
        Assert.True(await Eventually.Within(stayingStorm.SyncLoop) is IpcDisconnectedException or ObjectDisposedException); // the renderer disposed itself
        Assert.True(await Eventually.Within(stayingStorm.InvokeLoop) is IpcDisconnectedException or ObjectDisposedException); // the renderer disposed itself
        UnobservedTasks.AssertNone();
    }

    private IpcMain CreateMain()
    {
        var main = new IpcMain();
        CallStorm.Serve(main);
        main.Error += (_, e) => { lock (_mainErrors) { _mainErrors.Add(e); } };
        _owned.Add(main);
        return main;
    }

    private async Task<IpcSender> StartRendererAsync(IpcMain main, string mode)
    {
        using var timeout = new CancellationTokenSource(Eventually.Bound * 2);
        IpcSender sender = await main.StartRendererAsync(ChildProcess.StartInfo(mode), timeout.Token);
        _processes.Add(sender.ProcessId);
        return sender;
    }

    private Process Track(Process process)
    {
        _processes.Add(process.Id);
        _owned.Add(process);
        return process;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Insert(0, disposable); // renderers go before main
        return disposable;
    }

    private IpcErrorEventArgs[] MainErrors()
    {
        lock (_mainErrors)
        {
            return [.. _mainErrors];
        }
    }

    private static void Count(Dictionary<int, int> counts, int id)
    {
        lock (counts)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
    }

    private static int Answered(Dictionary<int, int> counts, int id)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(id);
        }
    }
}
