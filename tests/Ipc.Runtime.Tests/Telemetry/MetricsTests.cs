using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Telemetry;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>IpcGen's meter on every transport: call durations in seconds on both ends, messages and bytes per kind, timeouts, errors, departures, and the gauges.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsTests : IDisposable
{
    private readonly MetricRecorder _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ACallsDurationIsRecordedInSecondsOnBothEnds(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("timed");
        rig.Main.Handle(channel, (_, _) => Task.FromResult<object?>(1));

        await rig.Renderer.InvokeAsync<int>(channel).Bounded();

        Measured client = Assert.Single(_metrics.Of("rpc.client.call.duration", ("rpc.method", channel)));
        Measured server = await SingleAsync("rpc.server.call.duration", ("rpc.method", channel));
        Assert.Equal(("s", "renderer", TracingTests.TransportTag(transport)), (client.Unit, client["ipcgen.role"], client["network.transport"]));
        Assert.Equal(("s", "main", TracingTests.TransportTag(transport)), (server.Unit, server["ipcgen.role"], server["network.transport"]));
        Assert.InRange(client.Value, 0, Rig.Patience.TotalSeconds);
        Assert.InRange(server.Value, 0, Rig.Patience.TotalSeconds); // not bounded by the client's: main may read its clock after the caller has its reply
        Assert.Null(client["error.type"]);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AFailedCallsDurationCarriesItsErrorType(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("no-handler");

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>(channel).Bounded());

        Assert.Equal("no_handler", Assert.Single(_metrics.Of("rpc.client.call.duration", ("rpc.method", channel)))["error.type"]);
        await Waiting.UntilAsync(() => _metrics.Of("rpc.server.call.duration", ("error.type", "no_handler"), ("network.transport", TracingTests.TransportTag(transport))).Count > 0);
        Assert.Empty(_metrics.Of("rpc.server.call.duration", ("rpc.method", channel))); // a made-up channel is no new series on main
        Assert.All(_metrics.Of("rpc.server.call.duration", ("error.type", "no_handler")), m => Assert.Equal("_OTHER", m["rpc.method"]));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MessagesAndTheirBytesAreCountedPerKindOnBothEnds(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("counted");
        string payload = new('x', 10_000);
        rig.Main.On(channel, (_, _) => { });

        rig.Renderer.Send(channel, payload);
        await rig.FlushAsync(); // an invoke and its reply

        string tag = TracingTests.TransportTag(transport);
        Assert.True(_metrics.Sum("ipcgen.messages.sent", ("ipcgen.role", "renderer"), ("ipcgen.message.kind", "send"), ("network.transport", tag)) >= 1);
        Assert.True(_metrics.Sum("ipcgen.messages.received", ("ipcgen.role", "main"), ("ipcgen.message.kind", "send"), ("network.transport", tag)) >= 1);
        Assert.True(_metrics.Sum("ipcgen.bytes.sent", ("ipcgen.role", "renderer"), ("ipcgen.message.kind", "send")) >= payload.Length);
        Assert.True(_metrics.Sum("ipcgen.bytes.received", ("ipcgen.role", "main"), ("ipcgen.message.kind", "send")) >= payload.Length);
        Assert.True(_metrics.Sum("ipcgen.messages.sent", ("ipcgen.role", "renderer"), ("ipcgen.message.kind", "invoke")) >= 1);
        // Main counts its reply once the write returns, which may be after the renderer has read it.
        await Waiting.UntilAsync(() => _metrics.Sum("ipcgen.messages.sent", ("ipcgen.role", "main"), ("ipcgen.message.kind", "reply")) >= 1);
        Assert.True(_metrics.Sum("ipcgen.messages.received", ("ipcgen.role", "renderer"), ("ipcgen.message.kind", "reply")) >= 1);
        Assert.All(_metrics.Of("ipcgen.bytes.sent"), m => Assert.Equal("By", m.Unit));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TimeoutsAndListenerAndHandlerErrorsAreCounted(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { InvokeTimeout = TimeSpan.FromMilliseconds(100) });
        string slow = Unique("slow");
        string throwingListener = Unique("throwing-listener");
        string throwingHandler = Unique("throwing-handler");
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle(slow, (_, _) => release.Task);
        rig.Main.On(throwingListener, (_, _) => throw new FormatException("listener"));
        rig.Main.Handle(throwingHandler, (_, _) => throw new InvalidOperationException("handler"));

        await Assert.ThrowsAsync<IpcTimeoutException>(() => rig.Renderer.InvokeAsync<int>(slow).Bounded());
        release.SetResult(null);

        // The rest from a renderer with the default timeout: on a loaded machine 100 ms may pass before any answer.
        IpcRenderer other = rig.Connect();
        other.Send(throwingListener);
        await Assert.ThrowsAsync<IpcRemoteException>(() => other.InvokeAsync<int>(throwingHandler).Bounded());
        await rig.FlushAsync(other);

        Measured timeout = Assert.Single(_metrics.Of("ipcgen.calls.timed_out", ("rpc.method", slow)));
        Assert.Equal((1.0, "renderer"), (timeout.Value, timeout["ipcgen.role"]));
        Assert.Equal("System.FormatException", Assert.Single(_metrics.Of("ipcgen.listener.errors", ("ipcgen.channel", throwingListener)))["error.type"]);
        Assert.Equal("System.InvalidOperationException", Assert.Single(_metrics.Of("ipcgen.listener.errors", ("ipcgen.channel", throwingHandler), ("ipcgen.role", "main")))["error.type"]);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheGaugesSeeTheRendererItsPendingCallsAndMainsQueue(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("pending");
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle(channel, (_, _) => release.Task);

        Task call = rig.Renderer.InvokeAsync<object>(channel);
        _metrics.Collect();
        release.SetResult(null);
        await call.Bounded();

        Assert.True(_metrics.Sum("ipcgen.renderers.active") >= 1);
        Assert.True(_metrics.Sum("ipcgen.calls.pending", ("ipcgen.role", "renderer")) >= 1);
        Measured queue = Assert.Single(_metrics.Of("ipcgen.main.queued_bytes", ("ipcgen.renderer.id", rig.Renderer.Id)));
        Assert.Equal("By", queue.Unit);
        Assert.True(queue.Value >= 0);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ADepartureIsCountedOnBothEndsAndLeavesTheGauges(TransportKind transport)
    {
        var rig = new Rig(transport);
        int id = rig.Renderer.Id;
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.RendererGone += (_, e) => gone.TrySetResult();

        rig.Renderer.Dispose();
        await gone.Task.Bounded();

        string tag = TracingTests.TransportTag(transport);
        Assert.True(_metrics.Sum("ipcgen.disconnects", ("ipcgen.role", "main"), ("network.transport", tag)) >= 1);
        await Waiting.UntilAsync(() => _metrics.Sum("ipcgen.disconnects", ("ipcgen.role", "renderer"), ("network.transport", tag)) >= 1);
        _metrics.Clear();
        _metrics.Collect();
        rig.Dispose();
        Assert.DoesNotContain(_metrics.Of("ipcgen.main.queued_bytes"), m => Equals(m["ipcgen.renderer.id"], id));
    }

    [Fact]
    public void NothingIsMeasuredWhenNobodyListens()
    {
        _metrics.Dispose();

        Assert.False(IpcMetrics.ClientCallDuration.Enabled);
        Assert.False(IpcMetrics.MessagesSent.Enabled);
        Assert.Null(CallTelemetry.StartClient(PeerTelemetry.Plain(PeerTelemetry.Renderer, "inproc"), Protocol.MessageKind.Invoke, "ch"));
    }

    private async Task<Measured> SingleAsync(string instrument, params (string Key, object? Value)[] tags)
    {
        await Waiting.UntilAsync(() => _metrics.Of(instrument, tags).Count > 0);
        return Assert.Single(_metrics.Of(instrument, tags));
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";
}
