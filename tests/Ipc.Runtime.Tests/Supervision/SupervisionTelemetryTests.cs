using System.Diagnostics;
using Ipc.Connection;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Runtime.Tests.Telemetry;
using Ipc.Telemetry;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// Supervision in the telemetry: a heartbeat leaves no span and no call duration (it would be noise among the
/// application's calls), while restarts and unresponsive renderers are counted.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SupervisionTelemetryTests : IDisposable
{
    private readonly SpanRecorder _spans = new();
    private readonly MetricRecorder _metrics = new();

    public void Dispose()
    {
        _metrics.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task AHeartbeatRecordsNoSpanAndNoCallDuration()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess(r => r.Handle("supervision-telemetry-after", (_, _) => Task.FromResult<object?>(1)));
        IpcSender sender = main.Renderers[0];

        await ReservedChannelTests.HeartbeatAsync(sender).Bounded();
        await sender.InvokeAsync<int>("supervision-telemetry-after").Bounded(); // a user call after it gets both

        await _spans.OneAsync("supervision-telemetry-after", ActivityKind.Server);
        Assert.Empty(_spans.Named(ChannelName.Heartbeat));
        Assert.Empty(_metrics.Of("rpc.client.call.duration", (SemanticConventions.RpcMethod, ChannelName.Heartbeat)));
        Assert.Empty(_metrics.Of("rpc.server.call.duration", (SemanticConventions.RpcMethod, ChannelName.Heartbeat)));
        Assert.NotEmpty(_metrics.Of("rpc.client.call.duration", (SemanticConventions.RpcMethod, "supervision-telemetry-after")));
    }

    [Fact]
    public async Task RestartsAreCountedByWhyTheInstanceBeforeEnded()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();

        await rig.CrashAndRestartAsync(9, TimeSpan.FromSeconds(1));
        await rig.CrashAndRestartAsync(0, TimeSpan.FromSeconds(2));

        Assert.Equal(1, _metrics.Sum("ipcgen.renderer.restarts", ("ipcgen.exit.reason", "crashed")));
        Assert.Equal(1, _metrics.Sum("ipcgen.renderer.restarts", ("ipcgen.exit.reason", "exited")));
    }

    [Fact]
    public async Task AnUnresponsiveRendererIsCounted()
    {
        using var gate = new ManualResetEventSlim();
        await using var rig = new SupervisionRig(o => { o.HeartbeatInterval = TimeSpan.FromSeconds(5); o.RestartUnresponsive = false; });
        rig.Renderers.Configure = (r, _) => r.On("block", (_, _) => gate.Wait(Rig.Patience));
        try
        {
            IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
            renderer.Send("block");
            await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(5), "the heartbeat");
            await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(15), "the unresponsive timeout");
            await rig.UnresponsiveAsync();

            Assert.Equal(1, _metrics.Sum("ipcgen.renderer.unresponsive"));
        }
        finally
        {
            gate.Set();
        }
    }
}
