using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// <c>main.PingPong().Serve(implementation)</c>, generated at this project's build: every member of <see cref="IPingPong"/>
/// answered by one class, with <see cref="IpcCallContext.Current"/> describing each call, over the in-process transport.
/// </summary>
public sealed class ServeOnMainTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;
    private readonly ServedPingPong _served = new();

    public ServeOnMainTests() => _renderer = _main.ConnectInProcess();

    public void Dispose() => _main.Dispose();

    private IpcSender Sender => Assert.Single(_main.Renderers);

    [Fact]
    public async Task AMessageReachesTheVoidMemberWithItsArguments()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        _renderer.PingPong().AsynchronousMessage("ping");

        (string arg, _) = await _served.Message.Task.WaitAsync(s_hangGuard);
        Assert.Equal("ping", arg);
    }

    [Fact]
    public void TheSyncMembersReturnValueIsTheSendSyncReply()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        Assert.Equal("ping-pong", _renderer.PingPong().SynchronousMessage("ping"));
    }

    [Fact]
    public async Task TheAsyncMembersResultIsTheInvokesResult()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        Assert.Equal(5, await _renderer.PingPong().Add(2, 3).WaitAsync(s_hangGuard));
        await _renderer.PingPong().Reset().AsTask().WaitAsync(s_hangGuard);
        Assert.Equal(1, _served.Resets);
    }

    [Fact]
    public async Task CancellingTheInvokeCancelsTheTokenOfTheMember()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);
        using var cancellation = new CancellationTokenSource();

        Task<string> call = _renderer.PingPong().WaitForever("never", cancellation.Token);
        await _served.WaitStarted.Task.WaitAsync(s_hangGuard);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_hangGuard));
        await _served.WaitCancelled.Task.WaitAsync(s_hangGuard);
        Assert.True(_served.WaitToken.IsCancellationRequested);
    }

    [Fact]
    public async Task TheMessagesContextNamesItsChannelAndSenderWithoutAToken()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        _renderer.PingPong().AsynchronousMessage("ping");

        (_, IpcCallContext? context) = await _served.Message.Task.WaitAsync(s_hangGuard);
        Assert.NotNull(context);
        Assert.Equal(PingPongChannels.AsynchronousMessageChannel.Name, context.Channel);
        Assert.Same(Sender, context.Sender);
        Assert.Null(context.Renderer);
        Assert.Equal(CancellationToken.None, context.CancellationToken);
    }

    [Fact]
    public void TheSyncCallsContextNamesItsChannelAndSenderWithoutAToken()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        _renderer.PingPong().SynchronousMessage("ping");

        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.SyncContext);
        Assert.Equal(PingPongChannels.SynchronousMessageChannel.Name, context.Channel);
        Assert.Same(Sender, context.Sender);
        Assert.Null(context.Renderer);
        Assert.Equal(CancellationToken.None, context.CancellationToken);
    }

    [Fact]
    public async Task TheInvocationsContextCarriesTheInvocationsTokenAcrossTheMembersAwaits()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        await _renderer.PingPong().Add(2, 3).WaitAsync(s_hangGuard);

        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.AddContext);
        Assert.Same(context, _served.AddContextAfterAwait);
        Assert.Equal(PingPongChannels.AddChannel.Name, context.Channel);
        Assert.Same(Sender, context.Sender);
        Assert.Null(context.Renderer);
        Assert.Equal(_served.AddToken, context.CancellationToken);
        Assert.True(context.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public async Task TheContextOfAMemberWithoutATokenStillCarriesTheInvocationsToken()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        await _renderer.PingPong().Reset().AsTask().WaitAsync(s_hangGuard);

        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.ResetContext);
        Assert.Equal(PingPongChannels.ResetChannel.Name, context.Channel);
        Assert.True(context.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public async Task TheCancelledInvocationsContextHasTheCancelledToken()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);
        using var cancellation = new CancellationTokenSource();

        Task<string> call = _renderer.PingPong().WaitForever("never", cancellation.Token);
        await _served.WaitStarted.Task.WaitAsync(s_hangGuard);
        cancellation.Cancel();
        await _served.WaitCancelled.Task.WaitAsync(s_hangGuard);

        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.WaitContext);
        Assert.Equal(_served.WaitToken, context.CancellationToken);
        Assert.True(context.CancellationToken.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task TheContextIsNullOutsideAServedCallAndAfterIt()
    {
        Assert.Null(IpcCallContext.Current);
        using IDisposable serving = _main.PingPong().Serve(_served);
        var seenByAListener = new TaskCompletionSource<IpcCallContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("probe", (e, args) => seenByAListener.TrySetResult(IpcCallContext.Current));

        _renderer.PingPong().SynchronousMessage("ping");
        await _renderer.PingPong().Add(1, 2).WaitAsync(s_hangGuard);
        _served.SyncCallEnded.SetResult();
        _renderer.Send("probe");

        Assert.NotNull(_served.SyncContext);
        Assert.Null(await _served.SeenByWorkLeftRunning.WaitAsync(s_hangGuard)); // the call's end reaches work it left running
        Assert.Null(await seenByAListener.Task.WaitAsync(s_hangGuard));          // nothing stays on main's dispatcher
        Assert.Null(IpcCallContext.Current);
    }

    [Fact]
    public async Task DisposingWhatServeReturnedRemovesEveryListenerAndHandlerItAdded()
    {
        PingPongMain ping = _main.PingPong();
        PingPongChannels.AsynchronousMessageChannel.Listener own = (e, arg) => { };
        ping.AsynchronousMessage.On(own);
        IDisposable serving = ping.Serve(_served);
        Assert.Equal(2, _main.ListenerCount(PingPongChannels.AsynchronousMessageChannel.Name));
        Assert.Equal(1, _main.ListenerCount(PingPongChannels.SynchronousMessageChannel.Name));

        serving.Dispose();
        serving.Dispose();

        Assert.Equal(1, _main.ListenerCount(PingPongChannels.AsynchronousMessageChannel.Name)); // the test's own listener stays
        Assert.Equal(0, _main.ListenerCount(PingPongChannels.SynchronousMessageChannel.Name));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => _renderer.PingPong().Add(1, 1).WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => _renderer.PingPong().WaitForever("x", CancellationToken.None).WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => _renderer.PingPong().Reset().AsTask().WaitAsync(s_hangGuard));
        Assert.Throws<IpcNoReplyException>(() => _renderer.PingPong().SynchronousMessage("ping"));
    }

    [Fact]
    public async Task AContractCanBeServedAgainOnceDisposed()
    {
        _main.PingPong().Serve(new ServedPingPong()).Dispose();

        using IDisposable serving = _main.PingPong().Serve(_served);

        Assert.Equal(7, await _renderer.PingPong().Add(3, 4).WaitAsync(s_hangGuard));
    }

    [Fact]
    public void ASecondServeOfTheContractThrowsSayingItIsAlreadyServed()
    {
        using IDisposable serving = _main.PingPong().Serve(_served);

        var error = Assert.Throws<InvalidOperationException>(() => _main.PingPong().Serve(new ServedPingPong()));

        Assert.Contains(typeof(IPingPong).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("already served", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _main.ListenerCount(PingPongChannels.AsynchronousMessageChannel.Name)); // the first Serve is intact
        Assert.Equal("ping-pong", _renderer.PingPong().SynchronousMessage("ping"));
    }

    [Fact]
    public void ServingAContractWhoseChannelHasAHandlerThrowsAndRegistersNothing()
    {
        _main.PingPong().WaitForever.Handle((e, label, ct) => Task.FromResult(label));

        var error = Assert.Throws<InvalidOperationException>(() => _main.PingPong().Serve(_served));

        Assert.Contains("'" + PingPongChannels.WaitForeverChannel.Name + "'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _main.ListenerCount(PingPongChannels.AsynchronousMessageChannel.Name));
        Assert.Equal(0, _main.ListenerCount(PingPongChannels.SynchronousMessageChannel.Name));
        _main.PingPong().Add.Handle((e, a, b, ct) => Task.FromResult(a * b)); // Serve left no handler behind
        _main.PingPong().WaitForever.RemoveHandler();
        _main.PingPong().Add.RemoveHandler();
        using IDisposable serving = _main.PingPong().Serve(_served); // nor the contract claimed
    }

    [Fact]
    public void ANullImplementationThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _main.PingPong().Serve((IPingPong)null!));

        Assert.Equal("implementation", error.ParamName);
    }

    [Fact]
    public void ANullActivatorThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _main.PingPong().Serve((IIpcServiceActivator<IPingPong>)null!));

        Assert.Equal("activator", error.ParamName);
    }
}
