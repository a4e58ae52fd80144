using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Several renderers, main → renderer messages, and the connection's end.</summary>
public sealed class RendererTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TwoRenderersGetDistinctSenderIds(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        var senderIds = new List<int>();
        rig.Main.On("hello", (e, _) => senderIds.Add(e.Sender.Id));

        rig.Renderer.Send("hello");
        await rig.FlushAsync();
        second.Send("hello");
        await rig.FlushAsync(second);

        Assert.Equal([rig.Renderer.Id, second.Id], senderIds);
        Assert.NotEqual(rig.Renderer.Id, second.Id);
        Assert.Equal([rig.Renderer.Id, second.Id], rig.Main.Renderers.Select(r => r.Id));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void ARendererIsListedByMainAsSoonAsItsConnectReturns(TransportKind transport)
    {
        using var rig = new Rig(transport);
        for (int i = 0; i < 20; i++)
        {
            IpcRenderer renderer = rig.Connect();

            Assert.Contains(rig.Main.Renderers, r => r.Id == renderer.Id);
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RepliesReachOnlyTheirSender(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        rig.Main.On("ping", (e, args) => e.Reply("pong", args.Get<string>(0)));
        var firstGot = new List<string?>();
        var secondGot = new List<string?>();
        rig.Renderer.On("pong", (_, args) => firstGot.Add(args.Get<string>(0)));
        second.On("pong", (_, args) => secondGot.Add(args.Get<string>(0)));

        rig.Renderer.Send("ping", "from first");
        second.Send("ping", "from second");
        await rig.FlushAsync();
        await rig.FlushAsync(second);
        await rig.FlushRendererAsync();
        await rig.FlushRendererAsync(second);

        Assert.Equal(["from first"], firstGot);
        Assert.Equal(["from second"], secondGot);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task SenderSendReachesTheRenderersListenersWithTheirEvent(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<(string Channel, IpcRenderer Sender, int Value)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.On("to-renderer", (e, args) => received.SetResult((e.Channel, e.Sender, args.Get<int>(0))));

        rig.SenderOf(rig.Renderer).Send("to-renderer", 42);

        (string channel, IpcRenderer sender, int value) = await received.Task.Bounded();
        Assert.Equal(("to-renderer", 42), (channel, value));
        Assert.Same(rig.Renderer, sender);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AThrowingRendererListenerIsReportedAndListeningGoesOn(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var errors = new List<IpcErrorEventArgs>();
        rig.Renderer.Error += (_, e) => errors.Add(e);
        int good = 0;
        rig.Renderer.On("ch", (_, _) => throw new InvalidOperationException("renderer listener failed"));
        rig.Renderer.On("ch", (_, _) => good++);

        rig.SenderOf(rig.Renderer).Send("ch");
        rig.SenderOf(rig.Renderer).Send("ch");
        await rig.FlushRendererAsync();

        Assert.Equal(2, good);
        Assert.Equal(2, errors.Count);
        Assert.Equal("ch", errors[0].Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererThatDisconnectsLeavesRenderersAndRaisesRendererGone(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        var gone = new TaskCompletionSource<IpcRendererGoneEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, e) => gone.TrySetResult(e);
        int secondId = second.Id;

        second.Dispose();

        Assert.Equal(secondId, (await gone.Task.Bounded()).Renderer.Id);
        Assert.Equal([rig.Renderer.Id], rig.Main.Renderers.Select(r => r.Id));
        await rig.FlushAsync(); // the other renderer is unaffected
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task DisposingMainFailsPendingCallsWithIpcDisconnectedException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("pending", (_, _) => { started.SetResult(); return new TaskCompletionSource<object?>().Task; });
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Disconnected += (_, _) => disconnected.SetResult();

        Task<int> pending = rig.Renderer.InvokeAsync<int>("pending");
        await started.Task.Bounded();
        rig.Main.Dispose();

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => pending.Bounded());
        await disconnected.Task.Bounded();
        Assert.False(rig.Renderer.IsConnected);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CallsAfterTheConnectionClosedFailAtOnce(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Disconnected += (_, _) => disconnected.SetResult();
        rig.Main.Dispose();
        await disconnected.Task.Bounded();

        Assert.Throws<IpcDisconnectedException>(() => rig.Renderer.Send("ch"));
        Assert.Throws<IpcDisconnectedException>(() => rig.Renderer.SendSync<int>("ch"));
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => rig.Renderer.InvokeAsync<int>("ch").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task SendingToAGoneRendererThrowsIpcDisconnectedException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcSender sender = rig.SenderOf(rig.Renderer);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, _) => gone.TrySetResult();

        rig.Renderer.Dispose();
        await gone.Task.Bounded();

        Assert.False(sender.IsConnected);
        Assert.Throws<IpcDisconnectedException>(() => sender.Send("ch"));
    }
}
