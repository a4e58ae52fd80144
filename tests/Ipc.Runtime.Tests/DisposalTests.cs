using System.Diagnostics;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// One disposal rule for both endpoints: Dispose closes the connections (pending calls fail with
/// IpcDisconnectedException), every method afterwards throws ObjectDisposedException — the renderers' senders and
/// the typed broadcast included — and no event is raised once Dispose has returned.
/// </summary>
public sealed class DisposalTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AfterMainIsDisposedEveryMethodThrowsObjectDisposedException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcSender sender = rig.SenderOf(rig.Renderer);
        IpcMainListener listener = (_, _) => { };

        rig.Main.Dispose();

        Assert.Empty(rig.Main.Renderers);
        rig.Main.Dispose(); // again: nothing happens
        var calls = new (string Name, Action Call)[]
        {
            ("On", () => rig.Main.On("ch", listener)),
            ("Once", () => rig.Main.Once("ch", listener)),
            ("RemoveListener", () => rig.Main.RemoveListener("ch", listener)),
            ("RemoveAllListeners", () => rig.Main.RemoveAllListeners()),
            ("ListenerCount", () => rig.Main.ListenerCount("ch")),
            ("Handle", () => rig.Main.Handle("ch", (_, _) => Task.FromResult<object?>(null))),
            ("HandleOnce", () => rig.Main.HandleOnce("ch", (_, _) => Task.FromResult<object?>(null))),
            ("RemoveHandler", () => rig.Main.RemoveHandler("ch")),
            ("InvokeAllAsync", () => rig.Main.InvokeAllAsync<int>("ch")),
            ("ConnectInProcess", () => rig.Main.ConnectInProcess()),
            ("Listen", () => rig.Main.Listen()),
            ("StartRendererAsync", () => rig.Main.StartRendererAsync(new ProcessStartInfo("dotnet"))),
            ("SuperviseRenderer", () => rig.Main.SuperviseRenderer(() => new ProcessStartInfo("dotnet"))),
            ("broadcast", () => IpcRendererTarget.All(rig.Main).Send("ch", [])),
            ("IpcSender.Send", () => sender.Send("ch")),
            ("IpcSender.InvokeAsync", () => sender.InvokeAsync<int>("ch")),
        };
        foreach ((string name, Action call) in calls)
        {
            var error = Record.Exception(call);
            Assert.True(error is ObjectDisposedException, $"{name} threw {error?.GetType().Name ?? "nothing"}.");
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AfterARendererIsDisposedEveryMethodThrowsObjectDisposedException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer renderer = rig.Renderer;
        IpcRendererListener listener = (_, _) => { };

        renderer.Dispose();

        renderer.Dispose(); // again: nothing happens
        var calls = new (string Name, Action Call)[]
        {
            ("Send", () => renderer.Send("ch")),
            ("SendSync", () => renderer.SendSync<int>("ch")),
            ("InvokeAsync", () => renderer.InvokeAsync<int>("ch")),
            ("On", () => renderer.On("ch", listener)),
            ("Once", () => renderer.Once("ch", listener)),
            ("RemoveListener", () => renderer.RemoveListener("ch", listener)),
            ("RemoveAllListeners", () => renderer.RemoveAllListeners()),
            ("ListenerCount", () => renderer.ListenerCount("ch")),
            ("Handle", () => renderer.Handle("ch", (_, _) => Task.FromResult<object?>(null))),
            ("HandleOnce", () => renderer.HandleOnce("ch", (_, _) => Task.FromResult<object?>(null))),
            ("RemoveHandler", () => renderer.RemoveHandler("ch")),
        };
        foreach ((string name, Action call) in calls)
        {
            var error = Record.Exception(call);
            Assert.True(error is ObjectDisposedException, $"{name} threw {error?.GetType().Name ?? "nothing"}.");
        }

        Assert.False(renderer.IsConnected);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainRaisesNoEventOnceDisposeHasReturned(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        int events = 0;
        rig.Main.RendererGone += (_, _) => Interlocked.Increment(ref events);
        rig.Main.Error += (_, _) => Interlocked.Increment(ref events);
        var disconnected = new CountdownEvent(2);
        rig.Renderer.Disconnected += (_, _) => disconnected.Signal();
        second.Disconnected += (_, _) => disconnected.Signal();

        rig.Main.Dispose();
        Assert.True(disconnected.Wait(Rig.Patience)); // both connections are closed at both ends
        await DrainAsync(rig.Main);

        Assert.Equal(0, Volatile.Read(ref events));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererRaisesNoEventOnceDisposeHasReturned(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int events = 0;
        rig.Renderer.Disconnected += (_, _) => Interlocked.Increment(ref events);
        rig.Renderer.Error += (_, _) => Interlocked.Increment(ref events);
        var mainSawIt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, _) => mainSawIt.TrySetResult();

        rig.Renderer.Dispose();
        await mainSawIt.Task.Bounded();
        await DrainAsync(rig.Renderer);

        Assert.Equal(0, Volatile.Read(ref events));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CallsPendingWhenMainIsDisposedFailWithIpcDisconnectedException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("never", (_, _) => new TaskCompletionSource<object?>().Task);
        rig.Renderer.Handle("never", (_, _) => new TaskCompletionSource<object?>().Task);
        Task fromRenderer = rig.Renderer.InvokeAsync<object>("never");
        Task fromMain = rig.SenderOf(rig.Renderer).InvokeAsync<object>("never");
        await rig.FlushRendererAsync();

        rig.Main.Dispose();

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => fromRenderer.Bounded());
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => fromMain.Bounded());
    }

    /// <summary>Returns once the endpoint's dispatcher has run everything queued before this call.</summary>
    private static Task DrainAsync(Connection.IPeerEndpoint endpoint)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.Dispatcher.Enqueue(new ActionItem(drained.SetResult));
        return drained.Task.Bounded();
    }
}
