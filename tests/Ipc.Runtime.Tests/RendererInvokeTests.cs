using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Main asks a renderer: IpcRenderer.Handle answers IpcSender.InvokeAsync and IpcMain.InvokeAllAsync.</summary>
public sealed class RendererInvokeTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainsInvokeReturnsTheRendererHandlersResult(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("add", (_, args) => Task.FromResult<object?>(args.Get<int>(0) + args.Get<int>(1)));

        Assert.Equal(5, await rig.SenderOf(rig.Renderer).InvokeAsync<int>("add", 2, 3).Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheRendererHandlerSeesItsChannelAndRenderer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRendererInvokeEvent? seen = null;
        rig.Renderer.Handle("who", (e, _) =>
        {
            seen = e;
            return Task.FromResult<object?>(null);
        });

        await rig.SenderOf(rig.Renderer).InvokeAsync<object>("who").Bounded();

        Assert.Equal("who", seen!.Channel);
        Assert.Same(rig.Renderer, seen.Sender);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task NoHandlerOnTheRendererFailsAtOnceWithIpcNoHandlerException(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { RendererInvokeTimeout = Timeout.InfiniteTimeSpan });

        var error = await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<int>("missing").Bounded());

        Assert.Equal("missing", error.Channel);
        Assert.Contains("No handler registered for 'missing'", error.Message);
    }

    [Fact]
    public void ASecondRendererHandlerForTheSameChannelThrows()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        renderer.Handle("ch", (_, _) => Task.FromResult<object?>(null));

        var error = Assert.Throws<InvalidOperationException>(() => renderer.Handle("ch", (_, _) => Task.FromResult<object?>(null)));

        Assert.Contains("a second handler for 'ch'", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RendererHandleOnceRemovesItselfBeforeRunning(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcSender renderer = rig.SenderOf(rig.Renderer);
        rig.Renderer.HandleOnce("once", (_, _) => Task.FromResult<object?>("first"));

        Assert.Equal("first", await renderer.InvokeAsync<string>("once").Bounded());
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => renderer.InvokeAsync<string>("once").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemovingTheRendererHandlerMakesLaterInvokesFindNone(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("ch", (_, _) => Task.FromResult<object?>(1));
        rig.Renderer.RemoveHandler("ch");

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<int>("ch").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererHandlerThatThrowsReachesMainAsIpcRemoteExceptionWithTypeAndMessage(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Error += (_, e) => reported.TrySetResult(e);
        rig.Renderer.Handle("fail", (_, _) => throw new FormatException("bad input"));

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<int>("fail").Bounded());

        Assert.Equal(typeof(FormatException).FullName, error.RemoteType);
        Assert.Equal("bad input", error.RemoteMessage);
        Assert.IsType<FormatException>((await reported.Task.Bounded()).Exception);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AFaultedRendererHandlerTaskReachesMainAsIpcRemoteException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("fail", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("later");
        });

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<int>("fail").Bounded());

        Assert.Equal("later", error.RemoteMessage);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CancellingMainsTokenCancelsTheRendererHandlersToken(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Handle("wait", async (e, _) =>
        {
            e.CancellationToken.Register(() => handlerCancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return null;
        });
        using var cancellation = new CancellationTokenSource();

        Task<object?> call = rig.SenderOf(rig.Renderer).InvokeAsync<object>("wait", null, cancellation.Token);
        await started.Task.Bounded();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Bounded());
        await handlerCancelled.Task.Bounded();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheRendererInvokeTimeoutFailsTheCallAndCancelsTheHandler(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { RendererInvokeTimeout = TimeSpan.FromMilliseconds(200) });
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Handle("never", async (e, _) =>
        {
            e.CancellationToken.Register(() => handlerCancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return null;
        });

        var error = await Assert.ThrowsAsync<IpcTimeoutException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<object>("never").Bounded());

        Assert.Equal("never", error.Channel);
        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
        await handlerCancelled.Task.Bounded();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererThatDisconnectsFailsMainsPendingInvokeAtOnce(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { RendererInvokeTimeout = Timeout.InfiniteTimeSpan });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Handle("never", (_, _) =>
        {
            started.SetResult();
            return new TaskCompletionSource<object?>().Task;
        });

        Task<object?> call = rig.SenderOf(rig.Renderer).InvokeAsync<object>("never");
        await started.Task.Bounded();
        rig.Renderer.Dispose();

        var error = await Assert.ThrowsAsync<IpcDisconnectedException>(() => call.Bounded());
        Assert.Equal("never", error.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokingADisconnectedRendererFailsAtOnce(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcSender renderer = rig.SenderOf(rig.Renderer);
        rig.Renderer.Dispose();
        await Eventually(() => !renderer.IsConnected);

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => renderer.InvokeAsync<object>("any").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RendererHandlersRunOnItsDispatcherOneAtATimeInOrderWithItsListeners(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var order = new List<int>();
        int running = 0;
        bool overlapped = false;
        void Record(int value)
        {
            overlapped |= Interlocked.Increment(ref running) != 1;
            lock (order)
            {
                order.Add(value);
            }

            Interlocked.Decrement(ref running);
        }

        rig.Renderer.On("message", (_, args) => Record(args.Get<int>(0)));
        rig.Renderer.Handle("call", (_, args) =>
        {
            Record(args.Get<int>(0));
            return Task.FromResult<object?>(null);
        });
        IpcSender renderer = rig.SenderOf(rig.Renderer);

        var calls = new List<Task>();
        for (int i = 0; i < 400; i++)
        {
            if (i % 2 == 0)
            {
                renderer.Send("message", i);
            }
            else
            {
                calls.Add(renderer.InvokeAsync<object>("call", i));
            }
        }

        await Task.WhenAll(calls).Bounded();
        await rig.FlushRendererAsync();
        Assert.Equal(Enumerable.Range(0, 400), order);
        Assert.False(overlapped);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeAllGivesOneResultPerRendererAndNeverFailsAsAWhole(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Renderer.Handle("status", (_, _) => Task.FromResult<object?>("ok"));
        IpcRenderer throwing = rig.Connect();
        throwing.Handle("status", (_, _) => throw new InvalidOperationException("broken"));
        IpcRenderer withoutHandler = rig.Connect();

        IReadOnlyList<IpcRendererResult<string>> results = await rig.Main.InvokeAllAsync<string>("status").Bounded();

        Assert.Equal([rig.Renderer.Id, throwing.Id, withoutHandler.Id], results.Select(r => r.Renderer.Id));
        Assert.True(results[0].IsSuccess);
        Assert.Equal("ok", results[0].Value);
        Assert.False(results[1].IsSuccess);
        Assert.Equal("broken", Assert.IsType<IpcRemoteException>(results[1].Exception).RemoteMessage);
        Assert.IsType<IpcNoHandlerException>(results[2].Exception);
        Assert.Null(results[2].Value);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeAllGivesTheTimedOutRendererItsOwnTimeoutResult(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { RendererInvokeTimeout = TimeSpan.FromMilliseconds(300) });
        rig.Renderer.Handle("status", (_, _) => Task.FromResult<object?>(1));
        IpcRenderer slow = rig.Connect();
        slow.Handle("status", async (e, _) =>
        {
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return 2;
        });

        IReadOnlyList<IpcRendererResult<int>> results = await rig.Main.InvokeAllAsync<int>("status").Bounded();

        Assert.Equal(1, results[0].Value);
        Assert.IsType<IpcTimeoutException>(results[1].Exception);
    }

    [Fact]
    public async Task InvokeAllWithoutRenderersGivesNoResults()
    {
        using var main = new IpcMain();

        Assert.Empty(await main.InvokeAllAsync<int>("anything").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CancellingInvokeAllCancelsEveryRenderersHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        int cancelled = 0;
        int started = 0;
        foreach (IpcRenderer renderer in new[] { rig.Renderer, second })
        {
            renderer.Handle("wait", async (e, _) =>
            {
                Interlocked.Increment(ref started);
                e.CancellationToken.Register(() => Interlocked.Increment(ref cancelled));
                await Task.Delay(Timeout.Infinite, e.CancellationToken);
                return null;
            });
        }

        using var cancellation = new CancellationTokenSource();
        Task<IReadOnlyList<IpcRendererResult<object>>> all = rig.Main.InvokeAllAsync<object>("wait", null, cancellation.Token);
        await Eventually(() => Volatile.Read(ref started) == 2);
        cancellation.Cancel();

        IReadOnlyList<IpcRendererResult<object>> results = await all.Bounded();
        Assert.All(results, r => Assert.IsAssignableFrom<OperationCanceledException>(r.Exception));
        await Eventually(() => Volatile.Read(ref cancelled) == 2);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeReachesOnlyHandlersAndSendOnlyListeners(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int listenerRuns = 0;
        rig.Renderer.On("ch", (_, _) => listenerRuns++);
        IpcSender renderer = rig.SenderOf(rig.Renderer);

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => renderer.InvokeAsync<object>("ch").Bounded());
        rig.Renderer.RemoveAllListeners();
        int handlerRuns = 0;
        rig.Renderer.Handle("ch", (_, _) => Task.FromResult<object?>(handlerRuns++));
        renderer.Send("ch");
        await rig.FlushRendererAsync();

        Assert.Equal(0, listenerRuns);
        Assert.Equal(0, handlerRuns);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainsSendsAndInvokesToOneRendererArriveInTheOrderMainSentThem(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var order = new List<string>();
        rig.Renderer.On("m", (_, args) => order.Add("send " + args.Get<int>(0)));
        rig.Renderer.Handle("i", (_, args) =>
        {
            order.Add("invoke " + args.Get<int>(0));
            return Task.FromResult<object?>(null);
        });
        IpcSender renderer = rig.SenderOf(rig.Renderer);

        renderer.Send("m", 1);
        Task first = renderer.InvokeAsync<object>("i", 2);
        renderer.Send("m", 3);
        Task second = renderer.InvokeAsync<object>("i", 4);
        await Task.WhenAll(first, second).Bounded();
        await rig.FlushRendererAsync();

        Assert.Equal(["send 1", "invoke 2", "send 3", "invoke 4"], order);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(patience.Elapsed < Rig.Patience, "The condition never became true.");
            await Task.Delay(10);
        }
    }
}
