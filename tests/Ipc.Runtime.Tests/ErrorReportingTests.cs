using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// What a failure is called, who hears of it and on which thread: the caller's exception names a listener as a
/// listener and a handler as a handler; a reply that cannot travel is reported as such, not as a throwing handler;
/// Error reports handler exceptions unless told not to; and Error is raised on the endpoint's dispatcher.
/// </summary>
public sealed class ErrorReportingTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void ASyncListenerThatThrowsIsCalledAListenerInTheCallersError(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (_, _) => throw new InvalidOperationException("nope"));

        var error = Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.StartsWith("A listener for 'sync' threw System.InvalidOperationException: nope", error.Message);
        Assert.Equal("sync", error.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerThatThrowsIsCalledAHandlerInTheCallersError(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("call", (_, _) => throw new InvalidOperationException("nope"));

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<string>("call").Bounded());

        Assert.StartsWith("The handler for 'call' threw System.InvalidOperationException: nope", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AReplyAboveTheMaximumSizeIsReportedAsTooLargeNotAsAThrowingHandler(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { MaxMessageSize = 64 * 1024 });
        rig.Main.Handle("big", (_, _) => Task.FromResult<object?>(new string('x', 100_000)));

        var error = await Assert.ThrowsAsync<IpcException>(() => rig.Renderer.InvokeAsync<string>("big").Bounded());
        await rig.FlushAsync();

        Assert.IsNotType<IpcRemoteException>(error);
        Assert.Contains("returned normally, but its reply is", error.Message);
        Assert.Contains("the reply was not sent", error.Message);
        Assert.Equal("big", error.Channel);
        IpcErrorEventArgs reported = Assert.Single(rig.MainErrors);
        var tooLarge = Assert.IsType<IpcMessageTooLargeException>(reported.Exception);
        Assert.Equal(error.Message, tooLarge.Message);
        Assert.Equal(64 * 1024, tooLarge.Maximum);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlersExceptionIsReportedOnErrorByDefault(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("call", (_, _) => throw new InvalidOperationException("nope"));

        await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<string>("call").Bounded());
        await rig.FlushAsync();

        Assert.IsType<InvalidOperationException>(Assert.Single(rig.MainErrors).Exception);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task WithReportHandlerExceptionsOffAHandlersExceptionReachesOnlyItsCaller(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { ReportHandlerExceptions = false });
        rig.Main.Handle("call", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("nope");
        });

        await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<string>("call").Bounded());
        await rig.FlushAsync();

        Assert.Empty(rig.MainErrors);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task WithReportHandlerExceptionsOffAListenersExceptionIsStillReported(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { ReportHandlerExceptions = false });
        rig.Main.On("ch", (_, _) => throw new InvalidOperationException("nope"));

        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.IsType<InvalidOperationException>(Assert.Single(rig.MainErrors).Exception);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task WithReportHandlerExceptionsOffARenderersHandlerExceptionReachesOnlyMain(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer renderer = rig.Connect(new IpcRendererOptions { ReportHandlerExceptions = false });
        var rendererErrors = new List<IpcErrorEventArgs>();
        renderer.Error += (_, e) => rendererErrors.Add(e);
        renderer.Handle("status", (_, _) => throw new InvalidOperationException("nope"));

        await Assert.ThrowsAsync<IpcRemoteException>(() => rig.SenderOf(renderer).InvokeAsync<string>("status").Bounded());
        await rig.FlushRendererAsync(renderer);

        Assert.Empty(rendererErrors);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerThatFaultsOffTheDispatcherIsReportedOnTheDispatcher(TransportKind transport)
    {
        using var context = new SingleThreadContext();
        using var rig = new Rig(transport, new IpcMainOptions { SynchronizationContext = context });
        var reported = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Error += (_, _) => reported.TrySetResult(Environment.CurrentManagedThreadId);
        rig.Main.Handle("call", async (_, _) =>
        {
            await Task.Delay(1).ConfigureAwait(false); // the fault happens on a thread-pool thread
            throw new InvalidOperationException("nope");
        });

        await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<string>("call").Bounded());

        Assert.Equal(context.ThreadId, await reported.Task.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARenderersDisconnectedIsRaisedOnItsDispatcher(TransportKind transport)
    {
        using var context = new SingleThreadContext();
        var rig = new Rig(transport);
        IpcRenderer renderer = rig.Connect(new IpcRendererOptions { SynchronizationContext = context });
        var disconnected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Disconnected += (_, _) => disconnected.TrySetResult(Environment.CurrentManagedThreadId);

        rig.Main.Dispose(); // the renderer sees its connection end on its reading thread

        Assert.Equal(context.ThreadId, await disconnected.Task.Bounded());
        rig.Dispose();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RendererGoneIsRaisedOnTheDispatcher(TransportKind transport)
    {
        using var context = new SingleThreadContext();
        using var rig = new Rig(transport, new IpcMainOptions { SynchronizationContext = context });
        var gone = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, _) => gone.TrySetResult(Environment.CurrentManagedThreadId);

        rig.Renderer.Dispose();

        Assert.Equal(context.ThreadId, await gone.Task.Bounded());
    }
}
