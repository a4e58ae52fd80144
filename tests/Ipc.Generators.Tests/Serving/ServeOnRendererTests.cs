using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// <c>renderer.PingPongReplies().Serve(implementation)</c>, generated at this project's build: main's messages and
/// invocations of <see cref="IPingPongReplies"/> answered by one class on a renderer, with
/// <see cref="IpcCallContext.Current"/> describing each call, over the in-process transport.
/// </summary>
public sealed class ServeOnRendererTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;
    private readonly ServedPingPongReplies _served = new();

    public ServeOnRendererTests() => _renderer = _main.ConnectInProcess();

    public void Dispose() => _main.Dispose();

    private IPingPongReplies ToRenderer => Assert.Single(_main.Renderers).PingPongReplies();

    [Fact]
    public async Task AMessageFromMainReachesTheVoidMemberWithItsArgumentsAndContext()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        ToRenderer.AsynchronousReply("pong");

        (string arg, IpcCallContext? context) = await _served.Reply.Task.WaitAsync(s_hangGuard);
        Assert.Equal("pong", arg);
        Assert.NotNull(context);
        Assert.Equal(PingPongRepliesChannels.AsynchronousReplyChannel.Name, context.Channel);
        Assert.Same(_renderer, context.Renderer);
        Assert.Null(context.Sender);
        Assert.Equal(CancellationToken.None, context.CancellationToken);
    }

    [Fact]
    public async Task TheAsyncMembersResultIsMainsInvokesResult()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        Assert.Equal("status:full", await ToRenderer.Status("full").WaitAsync(s_hangGuard));
        await ToRenderer.Refresh().AsTask().WaitAsync(s_hangGuard);
        Assert.Equal(1, _served.Refreshes);
    }

    [Fact]
    public async Task TheBroadcastsInvokeAllIsAnsweredByTheServedMember()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        IReadOnlyList<IpcRendererResult<string>> results = await _main.PingPongReplies().Status("all").WaitAsync(s_hangGuard);

        Assert.Equal("status:all", Assert.Single(results).Value);
    }

    [Fact]
    public async Task AServedMemberThatFailsFailsMainsCallWithIpcRemoteException()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        IpcRemoteException failure = await Assert.ThrowsAsync<IpcRemoteException>(() => ToRenderer.Fail("renderer says no").WaitAsync(s_hangGuard));

        Assert.Equal("renderer says no", failure.RemoteMessage);
    }

    [Fact]
    public async Task TheInvocationsContextCarriesTheInvocationsTokenAcrossTheMembersAwaits()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        await ToRenderer.Status("x").WaitAsync(s_hangGuard);

        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.StatusContext);
        Assert.Same(context, _served.StatusContextAfterAwait);
        Assert.Equal(PingPongRepliesChannels.StatusChannel.Name, context.Channel);
        Assert.Same(_renderer, context.Renderer);
        Assert.Null(context.Sender);
        Assert.Equal(_served.StatusToken, context.CancellationToken);
        Assert.True(context.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public async Task CancellingMainsCallCancelsTheTokenOfTheMemberAndOfItsContext()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);
        using var cancellation = new CancellationTokenSource();

        Task<string> call = ToRenderer.Hang(cancellation.Token);
        await _served.HangStarted.Task.WaitAsync(s_hangGuard);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_hangGuard));
        await _served.HangCancelled.Task.WaitAsync(s_hangGuard);
        IpcCallContext context = Assert.IsType<IpcCallContext>(_served.HangContext);
        Assert.Equal(_served.HangToken, context.CancellationToken);
        Assert.True(context.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task TheContextIsNullOnTheRendererOutsideAServedCallAndAfterIt()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);
        var seenByAListener = new TaskCompletionSource<IpcCallContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _renderer.On("probe", (e, args) => seenByAListener.TrySetResult(IpcCallContext.Current));

        await ToRenderer.Status("x").WaitAsync(s_hangGuard);
        Assert.Single(_main.Renderers).Send("probe");

        Assert.Null(await seenByAListener.Task.WaitAsync(s_hangGuard));
        Assert.Null(IpcCallContext.Current);
    }

    [Fact]
    public async Task DisposingWhatServeReturnedRemovesEveryListenerAndHandlerItAdded()
    {
        IDisposable serving = _renderer.PingPongReplies().Serve(_served);
        Assert.Equal(1, _renderer.ListenerCount(PingPongRepliesChannels.AsynchronousReplyChannel.Name));

        serving.Dispose();

        Assert.Equal(0, _renderer.ListenerCount(PingPongRepliesChannels.AsynchronousReplyChannel.Name));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => ToRenderer.Status("x").WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => ToRenderer.Hang(CancellationToken.None).WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => ToRenderer.Refresh().AsTask().WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => ToRenderer.Fail("x").WaitAsync(s_hangGuard));
    }

    [Fact]
    public void ASecondServeOfTheContractThrowsSayingItIsAlreadyServed()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_served);

        var error = Assert.Throws<InvalidOperationException>(() => _renderer.PingPongReplies().Serve(new ServedPingPongReplies()));

        Assert.Contains(typeof(IPingPongReplies).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("already served", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AContractOfMessagesOnlyIsNotServedTwiceEither()
    {
        using IDisposable serving = _renderer.PingPongNotices().Serve(new Notices());

        Assert.Throws<InvalidOperationException>(() => _renderer.PingPongNotices().Serve(new Notices()));
        Assert.Equal(1, _renderer.ListenerCount(PingPongNoticesChannels.NoticeChannel.Name));
    }

    [Fact]
    public async Task EachRendererServesTheContractForItself()
    {
        IpcRenderer other = _main.ConnectInProcess();
        using IDisposable first = _renderer.PingPongReplies().Serve(_served);
        using IDisposable second = other.PingPongReplies().Serve(new ServedPingPongReplies());

        IReadOnlyList<IpcRendererResult<string>> results = await _main.PingPongReplies().Status("both").WaitAsync(s_hangGuard);

        Assert.Equal(2, results.Count(result => result.Value == "status:both"));
    }

    [Fact]
    public void ANullImplementationThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _renderer.PingPongReplies().Serve((IPingPongReplies)null!));

        Assert.Equal("implementation", error.ParamName);
    }

    [Fact]
    public void ANullActivatorThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _renderer.PingPongReplies().Serve((IIpcServiceActivator<IPingPongReplies>)null!));

        Assert.Equal("activator", error.ParamName);
    }

    private sealed class Notices : IPingPongNotices
    {
        public void Notice(string text)
        {
        }
    }
}
