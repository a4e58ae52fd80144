using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Lifecycle;

/// <summary>
/// IpcRenderer.ReconnectAsync: a renderer whose main went away connects to the main that replaced it, keeping its
/// listeners and handlers (in place before the new main's first frame), with a new id; it refuses while connected and
/// once disposed.
/// </summary>
public sealed class RendererReconnectTests
{
    public static TheoryData<TransportKind> OsTransports => new() { TransportKind.Socket, TransportKind.NamedPipe };

    [Theory, MemberData(nameof(OsTransports))]
    public async Task ARendererReconnectsToANewMainKeepingItsListenersAndHandlers(TransportKind transport)
    {
        using var first = new IpcMain(Transports.MainOptionsFor(transport, null));
        using var second = new IpcMain(Transports.MainOptionsFor(transport, null));
        second.Handle("where", (_, _) => Task.FromResult<object?>("second"));
        var received = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(first.Listen(), r =>
        {
            r.On("note", (_, args) => received.TrySetResult(args.Get<string>(0)));
            r.Handle("status", (_, _) => Task.FromResult<object?>("ok"));
            r.Disconnected += (_, _) => disconnected.TrySetResult();
        }).Bounded();

        first.Dispose();
        await disconnected.Task.Bounded();
        await renderer.ReconnectAsync(second.Listen()).Bounded();

        IpcSender sender = Assert.Single(second.Renderers);
        Assert.Equal(sender.Id, renderer.Id);
        Assert.True(renderer.IsConnected);
        Assert.Equal("ok", await sender.InvokeAsync<string>("status").Bounded());
        sender.Send("note", "after");
        Assert.Equal("after", await received.Task.Bounded());
        Assert.Equal("second", await renderer.InvokeAsync<string>("where").Bounded());
    }

    [Fact]
    public async Task ReconnectAsyncIsRefusedWhileConnectedAndOnceDisposed()
    {
        using var main = new IpcMain();
        IpcEndpoint endpoint = main.Listen();
        IpcRenderer renderer = await IpcRenderer.ConnectAsync(endpoint).Bounded();

        Assert.Throws<InvalidOperationException>(() => { _ = renderer.ReconnectAsync(endpoint); }); // thrown at once, not in the task
        renderer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = renderer.ReconnectAsync(endpoint); });
    }
}
