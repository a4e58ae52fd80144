using System.Diagnostics;
using Ipc.CrossProcess.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.CrossProcess.Tests;

/// <summary>The shape the test renderer's "scale" handler takes (it declares the same record).</summary>
public sealed record Shape(string Name, double[] Points);

/// <summary>What "scale" answers: the scaled copy and the process that scaled it.</summary>
public sealed record Scaled(Shape Shape, int ProcessId);

/// <summary>What "order-report" answers: the (tag:sequence) of every message and invocation in the order they ran, and how often two overlapped.</summary>
public sealed record OrderReport(string[] Ran, int Overlaps);

/// <summary>
/// Main in the test process invokes the handlers of renderers in child processes (tests/Ipc.TestRenderer, mode
/// "serve"): <see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/> and
/// <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/>. The renderers report what their
/// handlers did by sending to main (see <see cref="Inbox"/>), never through timing.
/// </summary>
public sealed class MainInvokesRendererTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>A timeout no test waits for: a call that ends does so for another reason.</summary>
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(10);

    private readonly TestProcesses _processes = new();
    private readonly List<IpcMain> _mains = [];

    public void Dispose()
    {
        foreach (IpcMain main in _mains)
        {
            main.Dispose();
        }

        _processes.Dispose();
    }

    [Fact]
    public async Task Main_invokes_a_handler_in_the_renderer_process_and_gets_its_typed_result()
    {
        IpcMain main = NewMain();
        IpcSender renderer = await StartAsync(main, "serve");

        Scaled? scaled = await Eventually.Within(renderer.InvokeAsync<Scaled>("scale", new Shape("triangle", [0, 1, 2.5]), 3));

        Assert.NotNull(scaled);
        Assert.Equal("triangle x3", scaled.Shape.Name);
        Assert.Equal(new double[] { 0, 3, 7.5 }, scaled.Shape.Points);
        Assert.Equal(renderer.ProcessId, scaled.ProcessId);
        Assert.NotEqual(Environment.ProcessId, scaled.ProcessId);
    }

    [Fact]
    public async Task Invoking_a_channel_with_no_handler_on_the_renderer_fails_at_once_with_IpcNoHandlerException()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        IpcSender renderer = await StartAsync(main, "serve");

        IpcNoHandlerException error = await Assert.ThrowsAsync<IpcNoHandlerException>(
            () => Eventually.Within(renderer.InvokeAsync<string>("nobody-handles-this"))); // well under the 10-minute timeout

        Assert.Equal("nobody-handles-this", error.Channel);
        Assert.Contains("'nobody-handles-this'", error.Message);
    }

    [Fact]
    public async Task Invoking_a_channel_the_renderer_only_listens_on_fails_with_IpcNoHandlerException_and_runs_no_listener()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        IpcSender renderer = await StartAsync(main, "serve");

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => Eventually.Within(renderer.InvokeAsync<string>("order-send", "invoked", 1)));

        OrderReport? report = await Eventually.Within(renderer.InvokeAsync<OrderReport>("order-report"));
        Assert.Empty(report!.Ran); // the "order-send" listener did not run
    }

    [Fact]
    public async Task A_renderer_HandleOnce_handler_answers_only_the_first_invoke()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        IpcSender renderer = await StartAsync(main, "serve");

        Assert.Equal("first", await Eventually.Within(renderer.InvokeAsync<string>("once")));

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => Eventually.Within(renderer.InvokeAsync<string>("once")));
    }

    [Fact]
    public async Task A_handler_the_renderer_removed_no_longer_answers()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        IpcSender renderer = await StartAsync(main, "serve");

        await Eventually.Within(renderer.InvokeAsync<object>("remove-handler", "scale")); // the renderer calls RemoveHandler("scale")

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => Eventually.Within(renderer.InvokeAsync<Scaled>("scale", new Shape("square", [1]), 2)));
    }

    [Fact]
    public async Task Killing_the_renderer_while_its_handler_runs_fails_the_pending_invoke_at_once_with_IpcDisconnectedException()
    {
        IpcMain main = NewMain(invokeTimeout: Timeout.InfiniteTimeSpan);
        var inbox = new Inbox(main, "handler-started");
        IpcSender renderer = await StartAsync(main, "serve");
        Task<string?> call = renderer.InvokeAsync<string>("never", "killed"); // its handler never completes
        await inbox.WaitForAsync("handler-started", "killed");

        Kill(renderer);

        IpcDisconnectedException error = await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(call));
        Assert.Equal("never", error.Channel);
    }

    [Theory]
    [InlineData("dispose")] // the renderer disposes its IpcRenderer, then its process exits 0
    [InlineData("exit")] // the renderer's process exits at once
    public async Task A_renderer_that_leaves_while_its_handler_runs_fails_the_pending_invoke_with_IpcDisconnectedException(string how)
    {
        IpcMain main = NewMain(invokeTimeout: Timeout.InfiniteTimeSpan);
        var inbox = new Inbox(main, "handler-started");
        IpcSender renderer = await StartAsync(main, "serve");
        Task<string?> call = renderer.InvokeAsync<string>("never", how);
        await inbox.WaitForAsync("handler-started", how);

        renderer.Send(how, 0); // its listener disposes the renderer, or exits with code 0

        IpcDisconnectedException error = await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(call));
        Assert.Equal("never", error.Channel);
    }

    [Fact]
    public async Task Cancelling_mains_token_ends_the_call_and_cancels_the_renderer_handlers_token()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        var inbox = new Inbox(main, "handler-started", "handler-cancelled");
        IpcSender renderer = await StartAsync(main, "serve");
        using var cancel = new CancellationTokenSource();
        Task<string?> call = renderer.InvokeAsync<string>("wait-for-cancel", ["token"], cancel.Token);
        await inbox.WaitForAsync("handler-started", "token");

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(call));
        await inbox.WaitForAsync("handler-cancelled", "token", from: renderer); // the renderer saw its token cancelled
    }

    [Fact]
    public async Task The_RendererInvokeTimeout_passing_fails_the_call_with_IpcTimeoutException_and_cancels_the_renderer_handlers_token()
    {
        IpcMain main = NewMain(invokeTimeout: TimeSpan.FromSeconds(1));
        var inbox = new Inbox(main, "handler-cancelled");
        IpcSender renderer = await StartAsync(main, "serve");

        IpcTimeoutException error = await Assert.ThrowsAsync<IpcTimeoutException>(
            () => Eventually.Within(renderer.InvokeAsync<string>("wait-for-cancel", "timeout")));

        Assert.Equal("wait-for-cancel", error.Channel);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
        await inbox.WaitForAsync("handler-cancelled", "timeout", from: renderer);
    }

    [Theory]
    [InlineData("throw-sync")] // the handler throws before returning a task
    [InlineData("throw-async")] // the handler's task faults
    public async Task A_renderer_handler_that_throws_fails_mains_invoke_with_IpcRemoteException_carrying_its_type_and_message(string channel)
    {
        IpcMain main = NewMain();
        IpcSender renderer = await StartAsync(main, "serve");

        IpcRemoteException error = await Assert.ThrowsAsync<IpcRemoteException>(
            () => Eventually.Within(renderer.InvokeAsync<string>(channel, "the renderer says no")));

        Assert.Equal("Ipc.TestRenderer.RendererHandlerException", error.RemoteType);
        Assert.Equal("the renderer says no", error.RemoteMessage);
        Assert.Equal(channel, error.Channel);
        Assert.True(renderer.IsConnected);
    }

    [Fact]
    public async Task Sends_and_invocations_to_one_renderer_run_there_one_at_a_time_in_mains_sending_order()
    {
        IpcMain main = NewMain();
        IpcSender renderer = await StartAsync(main, "serve");
        var calls = new List<Task<int>>();

        for (int i = 0; i < 200; i++)
        {
            if (i % 2 == 0)
            {
                renderer.Send("order-send", "main", i);
            }
            else
            {
                calls.Add(renderer.InvokeAsync<int>("order-invoke", "main", i)); // not awaited: the next one goes out at once
            }
        }

        int[] answers = await Eventually.Within(Task.WhenAll(calls));
        OrderReport? report = await Eventually.Within(renderer.InvokeAsync<OrderReport>("order-report"));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2 * i + 1), answers);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"main:{i}"), report!.Ran);
        Assert.Equal(0, report.Overlaps);
    }

    [Fact]
    public async Task Sends_and_invocations_from_several_threads_run_on_the_renderer_in_each_threads_order()
    {
        const int Threads = 4;
        const int PerThread = 50;
        IpcMain main = NewMain();
        IpcSender renderer = await StartAsync(main, "serve");
        var calls = new List<Task<int>>[Threads];
        var failures = new Exception?[Threads];
        using var start = new Barrier(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            calls[t] = [];
            try
            {
                start.SignalAndWait(Eventually.Bound);
                for (int i = 0; i < PerThread; i++)
                {
                    if (i % 2 == 0)
                    {
                        calls[t].Add(renderer.InvokeAsync<int>("order-invoke", $"t{t}", i));
                    }
                    else
                    {
                        renderer.Send("order-send", $"t{t}", i);
                    }
                }
            }
            catch (Exception error)
            {
                failures[t] = error; // reported below rather than crashing the test host
            }
        }))];

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(Eventually.Bound), "a sending thread did not finish");
        }

        Assert.All(failures, Assert.Null);

        await Eventually.Within(Task.WhenAll(calls.SelectMany(c => c)));
        OrderReport? report = await Eventually.Within(renderer.InvokeAsync<OrderReport>("order-report"));
        Assert.Equal(Threads * PerThread, report!.Ran.Length);
        for (int t = 0; t < Threads; t++)
        {
            string tag = $"t{t}:";
            Assert.Equal(
                Enumerable.Range(0, PerThread).Select(i => tag + i),
                report.Ran.Where(entry => entry.StartsWith(tag, StringComparison.Ordinal)));
        }

        Assert.Equal(0, report.Overlaps);
    }

    [Fact]
    public async Task InvokeAll_gives_one_result_per_renderer_a_value_a_disconnection_and_a_timeout_and_completes()
    {
        TimeSpan invokeTimeout = TimeSpan.FromSeconds(3);
        IpcMain main = NewMain(invokeTimeout);
        var inbox = new Inbox(main, "handler-started");
        IpcSender healthy = await StartAsync(main, "serve", "answer");
        IpcSender killed = await StartAsync(main, "serve", "hang");
        IpcSender slow = await StartAsync(main, "serve", "hang");
        Assert.Equal("ok", await Eventually.Within(healthy.InvokeAsync<string>("status"))); // warmed up: its answer will come well within 3 s

        Task<IReadOnlyList<IpcRendererResult<string>>> all = main.InvokeAllAsync<string>("status");
        await inbox.WaitForAsync("handler-started", "status", from: killed);
        Kill(killed);
        IReadOnlyList<IpcRendererResult<string>> results = await all.WaitAsync(invokeTimeout + Eventually.Bound); // the slow one takes the whole timeout

        foreach (IpcRendererResult<string> result in results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.Equal(new[] { healthy, killed, slow }, results.Select(r => r.Renderer));
        Assert.True(results[0].IsSuccess);
        Assert.Equal("ok", results[0].Value);
        Assert.False(results[1].IsSuccess);
        Assert.IsType<IpcDisconnectedException>(results[1].Exception);
        Assert.False(results[2].IsSuccess);
        Assert.IsType<IpcTimeoutException>(results[2].Exception);
    }

    [Fact]
    public async Task Cancelling_InvokeAll_cancels_every_renderers_handler_and_each_result_carries_OperationCanceledException()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        var inbox = new Inbox(main, "handler-started", "handler-cancelled");
        IpcSender first = await StartAsync(main, "serve", "hang");
        IpcSender second = await StartAsync(main, "serve", "hang");
        using var cancel = new CancellationTokenSource();
        Task<IReadOnlyList<IpcRendererResult<string>>> all = main.InvokeAllAsync<string>("status", null, cancel.Token);
        await inbox.WaitForAsync("handler-started", "status", from: first);
        await inbox.WaitForAsync("handler-started", "status", from: second);

        cancel.Cancel();

        IReadOnlyList<IpcRendererResult<string>> results = await Eventually.Within(all);
        Assert.Equal(new[] { first, second }, results.Select(r => r.Renderer));
        Assert.All(results, r => Assert.IsAssignableFrom<OperationCanceledException>(r.Exception));
        await inbox.WaitForAsync("handler-cancelled", "status", from: first);
        await inbox.WaitForAsync("handler-cancelled", "status", from: second);
    }

    [Fact]
    public async Task A_main_handler_can_invoke_the_renderer_whose_invoke_it_is_answering()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        var inbox = new Inbox(main, "nested-result");
        main.Handle("main-outer", async (e, args) =>
        {
            string? inner = await e.Sender.InvokeAsync<string>("renderer-inner", [args.Get<string>(0)], e.CancellationToken);
            return $"main({inner})";
        });
        IpcSender renderer = await StartAsync(main, "serve");

        renderer.Send("start-nested-a", "x"); // the renderer invokes "main-outer" and reports what it returned

        await inbox.WaitForAsync("nested-result", "returned main(renderer(x))", from: renderer);
    }

    [Fact]
    public async Task A_renderer_handler_can_invoke_main_while_main_waits_for_it()
    {
        IpcMain main = NewMain(invokeTimeout: Never);
        main.Handle("main-inner", (e, args) => Task.FromResult<object?>($"main({args.Get<string>(0)})"));
        IpcSender renderer = await StartAsync(main, "serve");

        string? answer = await Eventually.Within(renderer.InvokeAsync<string>("outer-b", "y")); // awaits main's "main-inner"

        Assert.Equal("renderer(main(y))", answer);
    }

    [Fact]
    public async Task A_main_sync_listener_blocking_on_invoking_the_renderer_whose_dispatcher_is_in_that_SendSync_fails_at_once_saying_why()
    {
        IpcMain main = NewMain(invokeTimeout: Never); // the renderer's SendSync timeout is 10 minutes too
        var inbox = new Inbox(main, "sendsync-result");
        var mainSaw = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        main.On("main-blocks", (e, args) =>
        {
            try
            {
                // The renderer's dispatcher is blocked in the SendSync this listener answers: its handler cannot run.
                string? value = e.Sender.InvokeAsync<string>("renderer-inner", "z").GetAwaiter().GetResult();
                mainSaw.TrySetResult(null);
                e.ReturnValue = $"main got {value}";
            }
            catch (Exception error)
            {
                mainSaw.TrySetResult(error);
                e.ReturnValue = $"main saw {error.GetType().Name}";
            }
        });
        IpcSender renderer = await StartAsync(main, "serve");

        renderer.Send("start-sendsync", "z"); // a renderer listener calls SendSync("main-blocks") on its dispatcher

        Exception? error = await Eventually.Within(mainSaw.Task);
        output.WriteLine($"main saw: {error}");
        Assert.NotNull(error);
        IpcException ipcError = Assert.IsAssignableFrom<IpcException>(error);
        Assert.IsNotType<IpcTimeoutException>(ipcError);
        Assert.IsNotType<IpcDisconnectedException>(ipcError);
        Assert.Contains("'renderer-inner'", ipcError.Message);
        Assert.Contains("SendSync", ipcError.Message); // says why: the renderer is blocked in SendSync…
        Assert.Contains("blocked", ipcError.Message); // …so its handler can never run
        Inbox.Message result = await inbox.FirstAsync("sendsync-result");
        Assert.Equal($"returned main saw {error.GetType().Name}", result.Text); // and the renderer's SendSync returned main's answer
        Assert.True(renderer.IsConnected);
    }

    private IpcMain NewMain(TimeSpan? invokeTimeout = null)
    {
        var options = new IpcMainOptions();
        if (invokeTimeout is { } timeout)
        {
            options.RendererInvokeTimeout = timeout;
        }

        var main = new IpcMain(options);
        _mains.Add(main);
        return main;
    }

    private async Task<IpcSender> StartAsync(IpcMain main, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(Eventually.Bound * 2);
        IpcSender renderer = await main.StartRendererAsync(TestProcesses.StartInfo(arguments), timeout.Token);
        _processes.Track(renderer.ProcessId);
        return renderer;
    }

    private static void Kill(IpcSender renderer)
    {
        using Process process = Process.GetProcessById(renderer.ProcessId);
        process.Kill(); // SIGKILL: the renderer closes nothing itself
    }
}
