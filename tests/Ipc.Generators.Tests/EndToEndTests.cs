using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests;

/// <summary>
/// The code generated for <see cref="IPingPong"/> and <see cref="IPingPongReplies"/> (at this project's build),
/// run against the runtime through the in-process transport.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task TypedPingIsAnsweredWithATypedPongToTheSender()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var pong = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.PingPongReplies().AsynchronousReply.On((e, arg) => pong.TrySetResult(arg));
        _main.PingPong().AsynchronousMessage.On((e, arg) => e.Sender.PingPongReplies().AsynchronousReply(arg == "ping" ? "pong" : "?"));

        IPingPong toMain = renderer.PingPong();
        toMain.AsynchronousMessage("ping");

        Assert.Equal("pong", await pong.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public void TypedSyncCallReturnsTheTypedReturnValue()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        _main.PingPong().SynchronousMessage.On((e, arg) => e.ReturnValue = arg + "-pong");

        string reply = renderer.PingPong().SynchronousMessage("ping");

        Assert.Equal("ping-pong", reply);
    }

    [Fact]
    public async Task TypedInvokeReturnsTheHandlersResult()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        _main.PingPong().Add.Handle((e, a, b, ct) => Task.FromResult(a + b));

        Assert.Equal(5, await renderer.PingPong().Add(2, 3).WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task CancellingATypedInvokeCancelsTheHandlersToken()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.PingPong().WaitForever.Handle(async (e, label, ct) =>
        {
            ct.Register(() => handlerCancelled.TrySetResult());
            handlerStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return label;
        });
        using var cancellation = new CancellationTokenSource();

        Task<string> call = renderer.PingPong().WaitForever("never", cancellation.Token);
        await handlerStarted.Task.WaitAsync(s_hangGuard);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await handlerCancelled.Task.WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task ValueTaskInvokeCompletesWhenTheHandlerDoes()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        int resets = 0;
        _main.PingPong().Reset.HandleOnce(e =>
        {
            resets++;
            return ValueTask.CompletedTask;
        });

        await renderer.PingPong().Reset().AsTask().WaitAsync(s_hangGuard);

        Assert.Equal(1, resets);
    }

    [Fact]
    public async Task BroadcastFromMainReachesEveryRenderer()
    {
        IpcRenderer first = _main.ConnectInProcess();
        IpcRenderer second = _main.ConnectInProcess();
        var firstGot = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondGot = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.PingPongReplies().AsynchronousReply.Once((e, arg) => firstGot.TrySetResult(arg));
        second.PingPongReplies().AsynchronousReply.Once((e, arg) => secondGot.TrySetResult(arg));

        _main.PingPongReplies().AsynchronousReply("to all");

        Assert.Equal("to all", await firstGot.Task.WaitAsync(s_hangGuard));
        Assert.Equal("to all", await secondGot.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task UntypedSendReachesTheTypedListenerOnTheKebabCaseChannel()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.PingPong().AsynchronousMessage.On((e, arg) => received.TrySetResult(e.Channel + ":" + arg));

        renderer.Send("asynchronous-message", "untyped");

        Assert.Equal("asynchronous-message", PingPongChannels.AsynchronousMessageChannel.Name);
        Assert.Equal("asynchronous-message:untyped", await received.Task.WaitAsync(s_hangGuard));
    }

    [Fact]
    public void RemoveListenerTakesTheTypedDelegate()
    {
        PingPongChannels.AsynchronousMessageChannel channel = _main.PingPong().AsynchronousMessage;
        PingPongChannels.AsynchronousMessageChannel.Listener listener = (e, arg) => { };
        channel.On(listener);

        channel.RemoveListener(listener);

        Assert.Equal(0, _main.ListenerCount(channel.Channel));
    }

    [Fact]
    public void RemoveListenerRemovesAOnceRegistrationOfTheSameDelegate()
    {
        PingPongChannels.AsynchronousMessageChannel.Listener listener = (e, arg) => { };
        _main.PingPong().AsynchronousMessage.Once(listener);

        _main.PingPong().AsynchronousMessage.RemoveListener(listener);

        Assert.Equal(0, _main.ListenerCount(PingPongChannels.AsynchronousMessageChannel.Name));
    }

    [Fact]
    public void DisposingTheSubscriptionOnReturnsRemovesTheListener()
    {
        IDisposable subscription = _main.PingPong().SynchronousMessage.On((e, arg) => e.ReturnValue = arg);
        Assert.Equal(1, _main.ListenerCount(PingPongChannels.SynchronousMessageChannel.Name));

        subscription.Dispose();
        subscription.Dispose();

        Assert.Equal(0, _main.ListenerCount(PingPongChannels.SynchronousMessageChannel.Name));
    }

    [Fact]
    public async Task RemoveHandlerLeavesTheInvocationWithoutAHandler()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        _main.PingPong().Add.Handle((e, a, b, ct) => Task.FromResult(a + b));

        _main.PingPong().Add.RemoveHandler();

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => renderer.PingPong().Add(1, 1).WaitAsync(s_hangGuard));
    }

    [Fact]
    public void RendererListenersOnTheTypedChannelCanBeRemoved()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        PingPongRepliesChannels.AsynchronousReplyChannel.Listener listener = (e, arg) => { };
        renderer.PingPongReplies().AsynchronousReply.On(listener);

        renderer.PingPongReplies().AsynchronousReply.RemoveListener(listener);

        Assert.Equal(0, renderer.ListenerCount(PingPongRepliesChannels.AsynchronousReplyChannel.Name));
    }
}
