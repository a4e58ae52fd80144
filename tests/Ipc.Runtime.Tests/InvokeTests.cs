using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Handle / InvokeAsync: Electron's request–reply, with better errors and cancellation.</summary>
public sealed class InvokeTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeReturnsTheHandlersResult(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("add", (_, args) => Task.FromResult<object?>(args.Get<int>(0) + args.Get<int>(1)));

        Assert.Equal(5, await rig.Renderer.InvokeAsync<int>("add", 2, 3).Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnAsyncHandlersResultReachesTheCaller(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("slow", async (_, args) =>
        {
            await Task.Delay(10);
            return args.Get<string>(0)!.ToUpperInvariant();
        });

        Assert.Equal("HELLO", await rig.Renderer.InvokeAsync<string>("slow", "hello").Bounded());
    }

    [Fact]
    public void ASecondHandlerForTheSameChannelThrows()
    {
        using var main = new IpcMain();
        main.Handle("ch", (_, _) => Task.FromResult<object?>(null));

        var error = Assert.Throws<InvalidOperationException>(() => main.Handle("ch", (_, _) => Task.FromResult<object?>(null)));

        Assert.Contains("a second handler for 'ch'", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeWithoutAHandlerFailsWithNoHandlerRegistered(TransportKind transport)
    {
        using var rig = new Rig(transport);

        var error = await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>("missing").Bounded());

        Assert.Contains("No handler registered for 'missing'", error.Message);
        Assert.Equal("missing", error.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task HandleOnceRemovesItselfBeforeRunning(TransportKind transport)
    {
        using var rig = new Rig(transport);
        Exception? reRegistering = null;
        rig.Main.HandleOnce("once", (_, _) =>
        {
            reRegistering = Record.Exception(() => rig.Main.Handle("once", (_, _) => Task.FromResult<object?>("second")));
            return Task.FromResult<object?>("first");
        });

        Assert.Equal("first", await rig.Renderer.InvokeAsync<string>("once").Bounded());
        Assert.Null(reRegistering);
        Assert.Equal("second", await rig.Renderer.InvokeAsync<string>("once").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task HandleOnceAnswersOnlyOneInvocation(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.HandleOnce("once", (_, _) => Task.FromResult<object?>(1));

        Assert.Equal(1, await rig.Renderer.InvokeAsync<int>("once").Bounded());
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>("once").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemoveHandlerRemovesTheHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("ch", (_, _) => Task.FromResult<object?>(1));

        rig.Main.RemoveHandler("ch");

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>("ch").Bounded());
        rig.Main.Handle("ch", (_, _) => Task.FromResult<object?>(2)); // the channel is free again
        Assert.Equal(2, await rig.Renderer.InvokeAsync<int>("ch").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerThatThrowsGivesIpcRemoteExceptionWithTypeAndMessage(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("throws", (_, _) => throw new ArgumentException("bad argument"));

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<int>("throws").Bounded());

        Assert.Equal("System.ArgumentException", error.RemoteType);
        Assert.Equal("bad argument", error.RemoteMessage);
        Assert.Equal("throws", error.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerWhoseTaskFaultsGivesIpcRemoteExceptionWithTypeAndMessage(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("faults", async (_, _) =>
        {
            await Task.Yield();
            throw new FormatException("async failure");
        });

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<int>("faults").Bounded());

        Assert.Equal("System.FormatException", error.RemoteType);
        Assert.Equal("async failure", error.RemoteMessage);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CancellingTheTokenCancelsTheCallerAndTheHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("long", async (e, _) =>
        {
            e.CancellationToken.Register(handlerCancelled.SetResult);
            handlerStarted.SetResult();
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return null;
        });
        using var cts = new CancellationTokenSource();

        Task<int> call = rig.Renderer.InvokeAsync<int>("long", [], cts.Token);
        await handlerStarted.Task.Bounded();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Bounded());
        await handlerCancelled.Task.Bounded();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnAlreadyCancelledTokenSendsNothing(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int ran = 0;
        rig.Main.Handle("ch", (_, _) => { ran++; return Task.FromResult<object?>(1); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Renderer.InvokeAsync<int>("ch", [], new CancellationToken(canceled: true)).Bounded());
        await rig.FlushAsync();

        Assert.Equal(0, ran);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeTimeoutEndsAWaitForAHandlerThatNeverCompletes(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { InvokeTimeout = TimeSpan.FromMilliseconds(100) });
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("never", (e, _) =>
        {
            e.CancellationToken.Register(handlerCancelled.SetResult);
            return new TaskCompletionSource<object?>().Task;
        });

        await Assert.ThrowsAsync<IpcTimeoutException>(() => rig.Renderer.InvokeAsync<int>("never").Bounded());
        await handlerCancelled.Task.Bounded();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task InvokeReachesOnlyHandlers(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int listenerCalls = 0;
        rig.Main.On("ch", (_, _) => listenerCalls++);

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>("ch").Bounded());

        Assert.Equal(0, listenerCalls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task SendAndSendSyncReachOnlyListeners(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int handlerCalls = 0;
        rig.Main.Handle("ch", (_, _) => { handlerCalls++; return Task.FromResult<object?>(1); });

        rig.Renderer.Send("ch");
        Assert.Throws<IpcNoReplyException>(() => rig.Renderer.SendSync<int>("ch"));
        await rig.FlushAsync();

        Assert.Equal(0, handlerCalls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheInvokeEventNamesTheChannelAndTheSender(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("who", (e, _) => Task.FromResult<object?>($"{e.Channel}:{e.Sender.Id}"));

        Assert.Equal($"who:{rig.Renderer.Id}", await rig.Renderer.InvokeAsync<string>("who").Bounded());
    }
}
