using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// <c>main.PingPong().Serve(activator)</c>, generated at this project's build: each message, sync call and invocation
/// served by the instance the activator supplies for it, whose lifetime is disposed once the call has ended, whatever
/// its outcome; and an activator that throws fails the call as a throwing member does.
/// </summary>
public sealed class ServeWithActivatorOnMainTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;
    private readonly RecordingActivator<IPingPong> _activator = new(lifetime => new ActivatedPingPong(lifetime));

    public ServeWithActivatorOnMainTests() => _renderer = _main.ConnectInProcess();

    public void Dispose() => _main.Dispose();

    private IPingPong ToMain => _renderer.PingPong();

    [Fact]
    public async Task EachCallIsServedByAFreshInstanceThatTheActivatorSuppliesWithTheCallCurrent()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);

        ToMain.AsynchronousMessage("ping");
        await (await Served(0)).Message.Task.WaitAsync(s_hangGuard);
        Assert.Equal("ping-pong", ToMain.SynchronousMessage("ping"));
        Assert.Equal(5, await ToMain.Add(2, 3).WaitAsync(s_hangGuard));
        Assert.Equal(9, await ToMain.Add(4, 5).WaitAsync(s_hangGuard));

        IReadOnlyList<Activation<IPingPong>> activations = _activator.Activations;
        Assert.Equal(4, activations.Count);
        Assert.Equal(4, activations.Select(activation => activation.Service).Distinct().Count());
        Assert.All(activations, activation => Assert.Same(activation.Context, activation.Current));
        Assert.All(activations, activation => Assert.Same(Assert.Single(_main.Renderers), activation.Context.Sender));
        Assert.Equal(
            [
                PingPongChannels.AsynchronousMessageChannel.Name,
                PingPongChannels.SynchronousMessageChannel.Name,
                PingPongChannels.AddChannel.Name,
                PingPongChannels.AddChannel.Name,
            ],
            activations.Select(activation => activation.Context.Channel));
    }

    [Fact]
    public async Task TheLifetimeIsDisposedOnceAMessagesMemberHasReturned()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);

        ToMain.AsynchronousMessage("ping");

        await AssertDisposedAfterTheCall(0);
    }

    [Fact]
    public async Task TheLifetimeIsDisposedOnceASyncCallsMemberHasReturned()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);

        ToMain.SynchronousMessage("ping");

        await AssertDisposedAfterTheCall(0);
    }

    [Fact]
    public async Task TheLifetimeIsDisposedOnceAnInvocationsTaskHasCompletedBeforeTheCallerHasItsResult()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);

        await ToMain.Add(1, 2).WaitAsync(s_hangGuard);
        await ToMain.Reset().AsTask().WaitAsync(s_hangGuard);

        Assert.True((await Lifetime(0)).IsDisposed); // disposed when the reply went out, not later
        Assert.True((await Lifetime(1)).IsDisposed);
        await AssertDisposedAfterTheCall(0);
        await AssertDisposedAfterTheCall(1);
    }

    [Fact]
    public async Task TheLifetimeIsDisposedWhenTheCallFails()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.Error += (_, e) => reported.TrySetResult(e);

        ToMain.AsynchronousMessage("fail");
        Assert.Equal("the message failed", (await reported.Task.WaitAsync(s_hangGuard)).Exception.Message);
        Assert.Throws<IpcRemoteException>(() => ToMain.SynchronousMessage("fail"));
        await Assert.ThrowsAsync<IpcRemoteException>(() => ToMain.Add(-1, 0).WaitAsync(s_hangGuard));

        Assert.Equal(3, _activator.Activations.Count);
        for (int call = 0; call < 3; call++)
        {
            await AssertDisposedAfterTheCall(call);
        }
    }

    [Fact]
    public async Task TheLifetimeOfACancelledInvocationIsDisposedOnceItsTaskIsCancelledAndNotBefore()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);
        using var cancellation = new CancellationTokenSource();

        Task<string> call = ToMain.WaitForever("never", cancellation.Token);
        await (await Served(0)).WaitStarted.Task.WaitAsync(s_hangGuard);
        bool disposedWhileWaiting = (await Lifetime(0)).IsDisposed;
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_hangGuard));
        Assert.False(disposedWhileWaiting);
        await AssertDisposedAfterTheCall(0);
    }

    [Fact]
    public async Task AnActivatorThatThrowsFailsTheCallAsAThrowingMemberDoes()
    {
        using IDisposable serving = _main.PingPong().Serve(_activator);
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.Error += (_, e) => reported.TrySetResult(e);
        _activator.Failure = new InvalidOperationException("no scope today");

        ToMain.AsynchronousMessage("ping");
        IpcErrorEventArgs listenerError = await reported.Task.WaitAsync(s_hangGuard);
        IpcRemoteException syncFailure = Assert.Throws<IpcRemoteException>(() => ToMain.SynchronousMessage("ping"));
        IpcRemoteException invokeFailure = await Assert.ThrowsAsync<IpcRemoteException>(() => ToMain.Add(1, 2).WaitAsync(s_hangGuard));

        Assert.Same(_activator.Failure, listenerError.Exception);
        Assert.Equal(PingPongChannels.AsynchronousMessageChannel.Name, listenerError.Channel);
        Assert.Equal((typeof(InvalidOperationException).FullName, "no scope today"), (syncFailure.RemoteType, syncFailure.RemoteMessage));
        Assert.Equal((typeof(InvalidOperationException).FullName, "no scope today"), (invokeFailure.RemoteType, invokeFailure.RemoteMessage));
        Assert.Empty(_activator.Activations);
    }

    [Fact]
    public async Task OfServesTheSameInstanceForEveryCall()
    {
        var served = new ServedPingPong();
        using IDisposable serving = _main.PingPong().Serve(IpcServiceActivator.Of<IPingPong>(served));

        await ToMain.Reset().AsTask().WaitAsync(s_hangGuard);
        await ToMain.Reset().AsTask().WaitAsync(s_hangGuard);

        Assert.Equal(2, served.Resets);
    }

    private async Task<ActivatedPingPong> Served(int call) => (ActivatedPingPong)(await _activator.Activated(call).WaitAsync(s_hangGuard)).Service;

    private async Task<RecordedLifetime> Lifetime(int call) => (await _activator.Activated(call).WaitAsync(s_hangGuard)).Lifetime;

    /// <summary>The call's lifetime is disposed (waiting for it, as a message's end is not observable), and was not during the call.</summary>
    private async Task AssertDisposedAfterTheCall(int call)
    {
        RecordedLifetime lifetime = await Lifetime(call);
        await lifetime.Disposed.Task.WaitAsync(s_hangGuard);
        Assert.False((await Served(call)).LifetimeDisposedDuringCall);
        Assert.Null(lifetime.CurrentAtDisposal); // the call had ended
    }
}
