using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests;

/// <summary>
/// The code generated for the invocations of <see cref="IPingPongReplies"/> (at this project's build): main asks a
/// renderer's typed handler, through one renderer's proxy or the broadcast, over the in-process transport.
/// </summary>
public sealed class MainToRendererInvokeTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task TheRenderersTypedHandlerAnswersMainsTypedCall()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        renderer.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult(e.Channel + ":" + detail));

        IPingPongReplies toRenderer = Assert.Single(_main.Renderers).PingPongReplies();

        Assert.Equal("status:full", await toRenderer.Status("full").WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task InvokeAllGivesOneResultPerRenderer()
    {
        IpcRenderer first = _main.ConnectInProcess();
        IpcRenderer second = _main.ConnectInProcess();
        first.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult("first " + detail));
        second.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult("second " + detail));

        IReadOnlyList<IpcRendererResult<string>> results = await _main.PingPongReplies().Status("ok").WaitAsync(s_hangGuard);

        Assert.All(results, result => Assert.True(result.IsSuccess, result.ToString()));
        Assert.Equal(["first ok", "second ok"], results.Select(result => result.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InvokeAllOfAMemberWithoutAValueReportsEachRenderersOutcome()
    {
        IpcRenderer answering = _main.ConnectInProcess();
        _ = _main.ConnectInProcess();
        int refreshes = 0;
        answering.PingPongReplies().Refresh.Handle(e =>
        {
            refreshes++;
            return ValueTask.CompletedTask;
        });

        IReadOnlyList<IpcRendererResult<object?>> results = await _main.PingPongReplies().Refresh().WaitAsync(s_hangGuard);

        Assert.Equal(2, results.Count);
        IpcRendererResult<object?> answered = Assert.Single(results, result => result.IsSuccess);
        Assert.Null(answered.Value);
        Assert.IsType<IpcNoHandlerException>(Assert.Single(results, result => !result.IsSuccess).Exception);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task CancellingMainsTypedCallCancelsTheRendererHandlersToken()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.PingPongReplies().Hang.Handle(async (e, ct) =>
        {
            ct.Register(() => handlerCancelled.TrySetResult());
            handlerStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        });
        using var cancellation = new CancellationTokenSource();

        Task<string> call = Assert.Single(_main.Renderers).PingPongReplies().Hang(cancellation.Token);
        await handlerStarted.Task.WaitAsync(s_hangGuard);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_hangGuard));
        await handlerCancelled.Task.WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task ARendererHandlerThatThrowsFailsMainsCallWithIpcRemoteException()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        renderer.PingPongReplies().Fail.Handle((e, message) => throw new InvalidOperationException(message));

        IpcRemoteException failure = await Assert.ThrowsAsync<IpcRemoteException>(
            () => Assert.Single(_main.Renderers).PingPongReplies().Fail("renderer says no").WaitAsync(s_hangGuard));

        Assert.Equal("renderer says no", failure.RemoteMessage);
        Assert.Contains(nameof(InvalidOperationException), failure.RemoteType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueTaskInvokeOfARendererCompletesWhenItsHandlerDoes()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        int refreshes = 0;
        renderer.PingPongReplies().Refresh.HandleOnce(e =>
        {
            refreshes++;
            return ValueTask.CompletedTask;
        });

        await Assert.Single(_main.Renderers).PingPongReplies().Refresh().AsTask().WaitAsync(s_hangGuard);

        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task RemovingTheRendererHandlerLeavesMainsCallWithoutAHandler()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        renderer.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult(detail));

        renderer.PingPongReplies().Status.RemoveHandler();

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => Assert.Single(_main.Renderers).PingPongReplies().Status("x").WaitAsync(s_hangGuard));
    }

    [Fact]
    public void ASecondTypedRendererHandlerIsRefused()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        renderer.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult(detail));

        Assert.Throws<InvalidOperationException>(() => renderer.PingPongReplies().Status.Handle((e, detail, ct) => Task.FromResult(detail)));
    }

    [Fact]
    public async Task TheBroadcastOfAContractOfMessagesIsTheContract()
    {
        IpcRenderer renderer = _main.ConnectInProcess();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.PingPongNotices().Notice.Once((e, text) => received.TrySetResult(text));

        IPingPongNotices everyone = _main.PingPongNotices();
        everyone.Notice("to all");

        Assert.Equal("to all", await received.Task.WaitAsync(s_hangGuard));
    }
}
