using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// <c>renderer.PingPongReplies().Serve(activator)</c>: main's messages and invocations each served by the instance the
/// activator supplies on the renderer, its lifetime disposed once the call has ended.
/// </summary>
public sealed class ServeWithActivatorOnRendererTests : IDisposable
{
    // A guard against a hang, never a timing assertion.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly IpcMain _main = new();
    private readonly IpcRenderer _renderer;
    private readonly RecordingActivator<IPingPongReplies> _activator = new(_ => new ServedPingPongReplies());

    public ServeWithActivatorOnRendererTests() => _renderer = _main.ConnectInProcess();

    public void Dispose() => _main.Dispose();

    private IPingPongReplies ToRenderer => Assert.Single(_main.Renderers).PingPongReplies();

    [Fact]
    public async Task EachCallFromMainIsServedByAFreshInstanceWhoseLifetimeEndsWithTheCall()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_activator);

        ToRenderer.AsynchronousReply("pong");
        await ((ServedPingPongReplies)await FirstService()).Reply.Task.WaitAsync(s_hangGuard);
        Assert.Equal("status:x", await ToRenderer.Status("x").WaitAsync(s_hangGuard));
        await Assert.ThrowsAsync<IpcRemoteException>(() => ToRenderer.Fail("no").WaitAsync(s_hangGuard));

        IReadOnlyList<Activation<IPingPongReplies>> activations = _activator.Activations;
        Assert.Equal(3, activations.Select(activation => activation.Service).Distinct().Count());
        Assert.All(activations, activation => Assert.Same(_renderer, activation.Current?.Renderer));
        foreach (Activation<IPingPongReplies> activation in activations)
        {
            await activation.Lifetime.Disposed.Task.WaitAsync(s_hangGuard);
        }
    }

    [Fact]
    public async Task AnActivatorThatThrowsFailsMainsInvocationWithIpcRemoteException()
    {
        using IDisposable serving = _renderer.PingPongReplies().Serve(_activator);
        _activator.Failure = new InvalidOperationException("no scope today");

        IpcRemoteException failure = await Assert.ThrowsAsync<IpcRemoteException>(() => ToRenderer.Status("x").WaitAsync(s_hangGuard));

        Assert.Equal("no scope today", failure.RemoteMessage);
    }

    private async Task<IPingPongReplies> FirstService() => (await _activator.Activated(0).WaitAsync(s_hangGuard)).Service;
}
