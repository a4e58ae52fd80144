using System.Diagnostics;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>
/// Spans on every transport: a call is a client span on the caller and a server span on the answering end, its
/// child in the same trace; a message is a producer and a consumer span; each failure has its <c>error.type</c>.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IDisposable
{
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    public static string TransportTag(TransportKind transport) => transport switch
    {
        TransportKind.InProcess => "inproc",
        TransportKind.Socket => "unix",
        TransportKind.WebSocket => "tcp",
        _ => "pipe",
    };

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnInvokeIsAClientSpanOnTheRendererAndItsChildServerSpanOnMain(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("invoke");
        rig.Main.Handle(channel, (_, args) => Task.FromResult<object?>(args.Get<int>(0) * 2));

        Assert.Equal(42, await rig.Renderer.InvokeAsync<int>(channel, 21).Bounded());

        Activity client = await _spans.OneAsync(channel, ActivityKind.Client);
        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        AssertParentAndChild(client, server);
        AssertRpcTags(client, channel, transport, "renderer", "invoke");
        AssertRpcTags(server, channel, transport, "main", "invoke");
        Assert.Equal(rig.Renderer.Id, client.GetTagItem("ipcgen.renderer.id"));
        Assert.Equal(rig.Renderer.Id, server.GetTagItem("ipcgen.renderer.id"));
        Assert.Equal(ActivityStatusCode.Unset, client.Status);
        Assert.Null(client.GetTagItem("error.type"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ASendSyncIsAClientSpanOnTheRendererAndItsChildServerSpanOnMain(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("sync");
        rig.Main.On(channel, (e, _) => e.ReturnValue = "pong");

        Assert.Equal("pong", await Task.Run(() => rig.Renderer.SendSync<string>(channel)).Bounded());

        Activity client = await _spans.OneAsync(channel, ActivityKind.Client);
        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        AssertParentAndChild(client, server);
        AssertRpcTags(client, channel, transport, "renderer", "send_sync");
        AssertRpcTags(server, channel, transport, "main", "send_sync");
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainInvokingARendererIsAClientSpanOnMainAndItsChildServerSpanOnTheRenderer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("main-invoke");
        rig.Renderer.Handle(channel, (_, _) => Task.FromResult<object?>("ok"));

        Assert.Equal("ok", await rig.SenderOf(rig.Renderer).InvokeAsync<string>(channel).Bounded());

        Activity client = await _spans.OneAsync(channel, ActivityKind.Client);
        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        AssertParentAndChild(client, server);
        AssertRpcTags(client, channel, transport, "main", "invoke");
        AssertRpcTags(server, channel, transport, "renderer", "invoke");
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageIsAProducerSpanAndItsChildConsumerSpanWhoseListenersRunInsideIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("message");
        Activity? currentInListener = null;
        rig.Main.On(channel, (_, _) => currentInListener = Activity.Current);

        rig.Renderer.Send(channel, 1);
        await rig.FlushAsync();

        Activity producer = await _spans.OneAsync("send " + channel, ActivityKind.Producer);
        Activity consumer = await _spans.OneAsync("process " + channel, ActivityKind.Consumer);
        AssertParentAndChild(producer, consumer);
        Assert.Same(consumer, currentInListener);
        foreach ((Activity span, string operation) in new[] { (producer, "send"), (consumer, "process") })
        {
            Assert.Equal("ipcgen", span.GetTagItem("messaging.system"));
            Assert.Equal(operation, span.GetTagItem("messaging.operation.type"));
            Assert.Equal(operation, span.GetTagItem("messaging.operation.name"));
            Assert.Equal(channel, span.GetTagItem("messaging.destination.name"));
            Assert.Equal(TransportTag(transport), span.GetTagItem("network.transport"));
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ABroadcastIsOneProducerSpanWithAConsumerSpanInEveryRenderer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        string channel = Unique("broadcast");
        int received = 0;
        rig.Renderer.On(channel, (_, _) => Interlocked.Increment(ref received));
        second.On(channel, (_, _) => Interlocked.Increment(ref received));

        IpcRendererTarget.All(rig.Main).Send(channel, []);
        await rig.FlushRendererAsync();
        await rig.FlushRendererAsync(second);

        Activity producer = await _spans.OneAsync("send " + channel, ActivityKind.Producer);
        IReadOnlyList<Activity> consumers = await _spans.ManyAsync("process " + channel, ActivityKind.Consumer, 2);
        Assert.Equal(2, received);
        Assert.All(consumers, consumer => AssertParentAndChild(producer, consumer));
        Assert.Null(producer.GetTagItem("network.transport")); // one span for renderers that may use different transports
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheHandlersOwnSpansNestInTheServerSpanAndTheCallersCurrentActivityIsKept(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string channel = Unique("nesting");
        rig.Main.Handle(channel, async (_, _) =>
        {
            await Task.Yield();
            using Activity? work = SpanRecorder.TestSource.StartActivity("handler-work " + channel);
            return null;
        });

        using (Activity? outer = SpanRecorder.TestSource.StartActivity("caller " + channel))
        {
            await rig.Renderer.InvokeAsync<object>(channel).Bounded();
            Assert.Same(outer, Activity.Current);
        }

        Activity caller = Assert.Single(_spans.Named("caller " + channel));
        Activity client = await _spans.OneAsync(channel, ActivityKind.Client);
        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        Activity work = await _spans.OneAsync("handler-work " + channel, ActivityKind.Internal);
        AssertParentAndChild(caller, client);
        AssertParentAndChild(client, server);
        AssertParentAndChild(server, work);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererThatDoesNotOfferTraceContextMakesMainsSpansRoots(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { PropagateTraceContext = false });
        string channel = Unique("no-offer");
        rig.Main.Handle(channel, (_, _) => Task.FromResult<object?>(null));

        await rig.Renderer.InvokeAsync<object>(channel).Bounded();

        Activity client = await _spans.OneAsync(channel, ActivityKind.Client);
        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        Assert.Equal(default, server.ParentSpanId);
        Assert.NotEqual(client.TraceId, server.TraceId);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMainThatDoesNotOfferTraceContextMakesTheRenderersSpansRoots(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { PropagateTraceContext = false });
        string channel = Unique("main-no-offer");
        rig.Renderer.Handle(channel, (_, _) => Task.FromResult<object?>(null));

        await rig.SenderOf(rig.Renderer).InvokeAsync<object>(channel).Bounded();

        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        Assert.Equal(default, server.ParentSpanId);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AServerSpanNeverAdoptsTheDispatchingThreadsActivity(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { PropagateTraceContext = false });
        string channel = Unique("no-adoption");
        string leftover = Unique("leftover");
        string leave = Unique("leave-activity");
        rig.Main.On(leave, (_, _) => SpanRecorder.TestSource.StartActivity(leftover)); // never stopped: stays current on that thread
        rig.Main.Handle(channel, (_, _) => Task.FromResult<object?>(null));

        rig.Renderer.Send(leave);
        await rig.Renderer.InvokeAsync<object>(channel).Bounded();

        Activity server = await _spans.OneAsync(channel, ActivityKind.Server);
        Assert.Equal(default, server.ParentSpanId);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ErrorsCarryTheirErrorTypeOnBothEnds(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { InvokeTimeout = TimeSpan.FromMilliseconds(200) });
        string throws = Unique("throws");
        string missing = Unique("missing");
        string unanswered = Unique("unanswered");
        string slow = Unique("slow");
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle(throws, (_, _) => throw new FormatException("bad input"));
        rig.Main.On(unanswered, (_, _) => { });
        rig.Main.Handle(slow, (_, _) => release.Task);

        await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<object>(throws).Bounded());
        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<object>(missing).Bounded());
        await Assert.ThrowsAsync<IpcNoReplyException>(() => Task.Run(() => rig.Renderer.SendSync<object>(unanswered)).Bounded());
        await Assert.ThrowsAsync<IpcTimeoutException>(() => rig.Renderer.InvokeAsync<object>(slow).Bounded());
        release.SetResult(null);

        await AssertErrorAsync(throws, ActivityKind.Client, "remote_exception", "bad input");
        await AssertErrorAsync(throws, ActivityKind.Server, "System.FormatException", "bad input");
        await AssertErrorAsync(missing, ActivityKind.Client, "no_handler", missing);
        await AssertErrorAsync(missing, ActivityKind.Server, "no_handler", missing);
        await AssertErrorAsync(unanswered, ActivityKind.Client, "no_reply", unanswered);
        await AssertErrorAsync(unanswered, ActivityKind.Server, "no_reply", unanswered);
        await AssertErrorAsync(slow, ActivityKind.Client, "timeout", slow);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ACallCutShortByADepartureIsDisconnectedAndACancelledOneIsCancelled(TransportKind transport)
    {
        using var rig = new Rig(transport);
        string gone = Unique("gone");
        string cancelled = Unique("cancelled");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Handle(cancelled, async (e, _) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return null;
        });
        rig.Renderer.Handle(gone, (_, _) => new TaskCompletionSource<object?>().Task);
        IpcSender sender = rig.SenderOf(rig.Renderer);

        using (var cancellation = new CancellationTokenSource())
        {
            Task call = sender.InvokeAsync<object>(cancelled, [], cancellation.Token);
            await started.Task.Bounded();
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Bounded());
        }

        Task goneCall = sender.InvokeAsync<object>(gone);
        await rig.FlushRendererAsync();
        rig.Renderer.Dispose();
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => goneCall.Bounded());

        await AssertErrorAsync(cancelled, ActivityKind.Client, "cancelled", null);
        await AssertErrorAsync(cancelled, ActivityKind.Server, "cancelled", cancelled);
        await AssertErrorAsync(gone, ActivityKind.Client, "disconnected", gone);
    }

    [Fact]
    public async Task NothingIsTracedAndNoActivityIsCurrentWhenNobodyListens()
    {
        _spans.Dispose(); // this test's own listener; the collection runs alone, so no other listens
        using var rig = new Rig(TransportKind.InProcess);
        string channel = Unique("unobserved");
        Activity? inHandler = null;
        rig.Main.Handle(channel, (_, _) =>
        {
            inHandler = Activity.Current;
            return Task.FromResult<object?>(null);
        });

        using (var sameName = new ActivitySource(IpcTelemetry.ActivitySourceName))
        {
            Assert.False(sameName.HasListeners());
        }

        await rig.Renderer.InvokeAsync<object>(channel).Bounded();

        Assert.Null(inHandler);
        Assert.Null(Activity.Current);
    }

    private async Task AssertErrorAsync(string channel, ActivityKind kind, string errorType, string? descriptionContains)
    {
        Activity span = await _spans.OneAsync(channel, kind);
        Assert.Equal(errorType, span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        if (descriptionContains is not null)
        {
            Assert.Contains(descriptionContains, span.StatusDescription);
        }
    }

    private static void AssertParentAndChild(Activity parent, Activity child)
    {
        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
    }

    private static void AssertRpcTags(Activity span, string channel, TransportKind transport, string role, string kind)
    {
        Assert.Equal("ipcgen", span.GetTagItem("rpc.system"));
        Assert.Null(span.GetTagItem("rpc.system.name")); // the stable name only with OTEL_SEMCONV_STABILITY_OPT_IN
        Assert.Equal(channel, span.GetTagItem("rpc.method"));
        Assert.Equal(TransportTag(transport), span.GetTagItem("network.transport"));
        Assert.Equal(role, span.GetTagItem("ipcgen.role"));
        Assert.Equal(kind, span.GetTagItem("ipcgen.message.kind"));
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";
}
