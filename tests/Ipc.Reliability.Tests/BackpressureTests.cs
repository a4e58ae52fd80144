using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.Reliability.Tests.Infrastructure;

namespace Ipc.Reliability.Tests;

/// <summary>
/// A renderer that stops reading must cost main a bounded amount of memory and never block main's
/// dispatcher: main queues what the socket cannot take, and disconnects the renderer, with a reason, when
/// the queue would pass its limit or a write makes no progress for the stall timeout. The stalled renderer
/// is a raw client that completes the handshake and then never reads.
/// </summary>
[Collection(nameof(SocketScenarios))]
public sealed class BackpressureTests : IDisposable
{
    private const int Chunk = 64 * 1024;
    private static readonly string s_chunk = new('x', Chunk - 16);

    private readonly List<IpcErrorEventArgs> _errors = [];
    private readonly List<IpcRendererGoneEventArgs> _gone = [];
    private IpcMain? _main;

    public BackpressureTests() => UnobservedTasks.Watch();

    public void Dispose() => _main?.Dispose();

    [Fact]
    public async Task Sends_to_a_renderer_that_stops_reading_fail_after_a_bounded_queue_and_the_other_renderers_are_unaffected()
    {
        IpcMain main = CreateMain(new IpcMainOptions { StalledRendererTimeout = Timeout.InfiniteTimeSpan });
        long limit = new IpcMainOptions().MaxQueuedBytesPerRenderer; // the default
        IpcEndpoint endpoint = main.Listen();
        (RawClient stalled, int stalledId) = await RawClient.ConnectAcceptedAsync(endpoint);
        using (stalled)
        {
            using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint, new IpcRendererOptions { SendSyncTimeout = Eventually.Bound });
            IpcSender target = await WaitForRendererAsync(main, stalledId);
            string? failure = null;
            main.On("flood", (e, args) =>
            {
                // On main's dispatcher, as a listener that answers one renderer by sending to another would be.
                long queued = 0;
                try
                {
                    while (queued < 4 * limit)
                    {
                        target.Send("chunk", s_chunk);
                        queued += Chunk;
                    }
                }
                catch (IpcDisconnectedException error)
                {
                    failure = error.Message;
                }

                e.ReturnValue = queued;
            });

            long accepted = good.SendSync<long>("flood");

            Assert.NotNull(failure);
            Assert.Contains("not reading", failure);
            Assert.Contains("MaxQueuedBytesPerRenderer", failure);
            Assert.InRange(accepted, limit - Chunk, limit + (1 << 20)); // the queue, plus what the socket buffers took before it filled
            Assert.Equal("still here", good.SendSync<string>("echo", "still here"));
            await Eventually.TrueAsync(() => Gone(stalledId), "main reports the stalled renderer gone");
            Assert.Contains(Errors(), e => e.Sender?.Id == stalledId && e.Exception.Message.Contains("MaxQueuedBytesPerRenderer"));
            Assert.Throws<IpcDisconnectedException>(() => target.Send("chunk", "x")); // later sends fail at once
            Assert.Equal([good.Id], main.Renderers.Select(r => r.Id));
        }

        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_renderer_that_reads_nothing_for_the_stall_timeout_is_disconnected_with_a_reason()
    {
        IpcMain main = CreateMain(new IpcMainOptions { StalledRendererTimeout = TimeSpan.FromMilliseconds(500) });
        IpcEndpoint endpoint = main.Listen();
        (RawClient stalled, int stalledId) = await RawClient.ConnectAcceptedAsync(endpoint);
        using (stalled)
        {
            using IpcRenderer good = await IpcRenderer.ConnectAsync(endpoint);
            IpcSender target = await WaitForRendererAsync(main, stalledId);

            // 4 MiB: far below the queue limit, far above what the socket buffers hold. None of it blocks.
            for (int i = 0; i < 64; i++)
            {
                target.Send("chunk", s_chunk);
            }

            Assert.Equal("not blocked", good.SendSync<string>("echo", "not blocked"));
            await Eventually.TrueAsync(() => Gone(stalledId), "main disconnects the stalled renderer after the stall timeout");
            IpcErrorEventArgs reported = Assert.Single(Errors(), e => e.Sender?.Id == stalledId);
            Assert.IsType<IpcDisconnectedException>(reported.Exception);
            Assert.Contains("made no progress for 0.5 s", reported.Exception.Message);
            Assert.Contains("StalledRendererTimeout", reported.Exception.Message);
            Assert.Equal("still here", good.SendSync<string>("echo", "still here"));
        }

        UnobservedTasks.AssertNone();
    }

    [Fact]
    public async Task A_renderer_that_reads_gets_a_burst_far_above_the_socket_buffers_whole_and_in_order()
    {
        IpcMain main = CreateMain(new IpcMainOptions());
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(main.Listen());
        const int count = 512; // 32 MiB, half the default queue limit
        var received = new List<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.On("chunk", (e, args) =>
        {
            received.Add(args.Get<int>(0));
            Assert.Equal(s_chunk.Length, args.Get<string>(1)!.Length);
            if (received.Count == count)
            {
                all.SetResult();
            }
        });
        IpcSender sender = Assert.Single(main.Renderers);

        for (int i = 0; i < count; i++)
        {
            sender.Send("chunk", i, s_chunk);
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, count), received);
        Assert.True(sender.IsConnected);
        Assert.Empty(Errors());
    }

    [Fact]
    public async Task A_renderer_that_sends_faster_than_main_dispatches_waits_and_main_holds_a_bounded_amount_for_it()
    {
        IpcMain main = CreateMain(new IpcMainOptions());
        using var gate = new ManualResetEventSlim();
        var received = new List<int>();
        main.On("flood", (e, args) =>
        {
            gate.Wait(TimeSpan.FromMinutes(1)); // a listener far slower than the sender, until released
            received.Add(args.Get<int>(0));
        });
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(main.Listen());
        const int count = 1600; // 100 MiB
        int sent = 0;
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        Task flood = Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < count; i++)
                {
                    renderer.Send("flood", i, s_chunk);
                    Volatile.Write(ref sent, i + 1);
                }
            },
            TaskCreationOptions.LongRunning);

        // Wait until the sender either finished or has stopped getting anywhere: main has read all it will read.
        int last = -1;
        for (int stable = 0; stable < 5 && !flood.IsCompleted;)
        {
            await Task.Delay(100);
            int now = Volatile.Read(ref sent);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }

        long held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Assert.False(flood.IsCompleted, "all 100 MiB were taken in while main's listener was blocked");
        Assert.True(held < 48L * 1024 * 1024, $"main holds {held} bytes for the renderer");

        gate.Set();
        await flood.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("done", renderer.SendSync<string>("echo", "done"));
        Assert.Equal(Enumerable.Range(0, count), received);
        Assert.Empty(Errors());
    }

    [Fact]
    public void The_backpressure_limits_have_documented_defaults_and_reject_unusable_values()
    {
        var options = new IpcMainOptions();

        Assert.Equal(64L * 1024 * 1024, options.MaxQueuedBytesPerRenderer);
        Assert.Equal(16L * 1024 * 1024, options.MaxUndispatchedBytesPerRenderer);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StalledRendererTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxQueuedBytesPerRenderer = 1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxUndispatchedBytesPerRenderer = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.StalledRendererTimeout = TimeSpan.Zero);
        options.StalledRendererTimeout = Timeout.InfiniteTimeSpan; // disables the stall timeout
    }

    private IpcMain CreateMain(IpcMainOptions options)
    {
        _main = new IpcMain(options);
        _main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        _main.Error += (_, e) => { lock (_errors) { _errors.Add(e); } };
        _main.RendererGone += (_, e) => { lock (_gone) { _gone.Add(e); } };
        return _main;
    }

    private static async Task<IpcSender> WaitForRendererAsync(IpcMain main, int id)
    {
        await Eventually.TrueAsync(() => main.Renderers.Any(r => r.Id == id), $"renderer {id} is listed");
        return main.Renderers.Single(r => r.Id == id);
    }

    private bool Gone(int id)
    {
        lock (_gone)
        {
            return _gone.Any(g => g.Renderer.Id == id);
        }
    }

    private IpcErrorEventArgs[] Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
