using Ipc.Connection;
using Ipc.Runtime.Tests.Core;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Supervision;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// The heartbeat against renderer ends that are not today's IpcRenderer: one without the built-in handler (an older
/// version) answers "no handler" from its dispatcher, which proves it alive all the same; one whose dispatcher is blocked
/// in a SendSync answers from its reading side.
/// </summary>
public sealed class HeartbeatTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Unanswered = TimeSpan.FromSeconds(15);

    private readonly WatchedClock _clock = new();
    private readonly RecordingSink _sink = new();
    private readonly RecordingEndpoint _mainEnd = new();
    private readonly RecordingEndpoint _rendererEnd = new(); // no handler for anything, the heartbeat included
    private readonly Peer _rendererPeer;
    private readonly IpcSender _renderer;
    private readonly CancellationTokenSource _stop = new();

    public HeartbeatTests()
    {
        (InProcessConnection mainConnection, InProcessConnection rendererConnection) = InProcessConnection.CreatePair();
        var mainPeer = new Peer(mainConnection, _mainEnd, InboundPolicy.ForMain(null), JsonIpcSerializer.Default, 1 << 20, null, "the renderer", PeerTelemetry.Plain(PeerTelemetry.Main, "inproc"));
        _rendererPeer = new Peer(rendererConnection, _rendererEnd, InboundPolicy.ForRenderer(), JsonIpcSerializer.Default, 1 << 20, null, "the main process", PeerTelemetry.Plain(PeerTelemetry.Renderer, "inproc"));
        _renderer = new IpcSender(mainPeer, 1, 4242, Timeout.InfiniteTimeSpan);
        mainPeer.Start();
        _rendererPeer.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _rendererPeer.Close();
    }

    [Fact]
    public async Task ARendererWithoutTheBuiltInHandlerAnswersNoHandlerWhichProvesItAlive()
    {
        Task watch = Watch();

        for (int beat = 0; beat < 3; beat++)
        {
            await _clock.AdvanceTimerAsync(Interval, $"heartbeat {beat + 1}");
        }

        await _clock.WaitForTimerAsync(Interval, "the next heartbeat: every one so far was answered");
        Assert.Empty(_sink.Unresponsive);
        Assert.False(watch.IsCompleted);
    }

    [Fact]
    public async Task ARendererWhoseDispatcherIsBlockedDoesNotAnswer()
    {
        using var gate = new ManualResetEventSlim();
        _rendererEnd.Dispatcher.Enqueue(new ActionItem(() => gate.Wait(Rig.Patience)));
        try
        {
            Task watch = Watch();

            await _clock.AdvanceTimerAsync(Interval, "the heartbeat");
            await _clock.AdvanceTimerAsync(Unanswered, "the unresponsive timeout");

            await watch.Bounded(); // it asks for the kill
            Assert.Equal(Unanswered, Assert.Single(_sink.Unresponsive).Waited);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task ARendererWhoseDispatcherIsBlockedInSendSyncAnswersFromItsReadingSide()
    {
        using var gate = new ManualResetEventSlim();
        _rendererEnd.Dispatcher.Enqueue(new ActionItem(() => gate.Wait(Rig.Patience)));
        _rendererEnd.IsDispatcherBlockedInSendSync = true;
        try
        {
            Task watch = Watch();

            await _clock.AdvanceTimerAsync(Interval, "the heartbeat");

            await _clock.WaitForTimerAsync(Interval, "the next heartbeat: this one was answered");
            Assert.Empty(_sink.Unresponsive);
            Assert.False(watch.IsCompleted);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task TheWatchEndsWhenCancelledAndLeavesNoTimer()
    {
        Task watch = Watch();
        await _clock.WaitForTimerAsync(Interval, "the first interval");

        _stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.Bounded());
        Assert.Equal(0, _clock.ArmedTimers);
    }

    private Task Watch() => new Heartbeat(new IpcSupervisionOptions { TimeProvider = _clock }, _sink).WatchAsync(_renderer, _stop.Token);

    /// <summary>Records what the heartbeat reports.</summary>
    private sealed class RecordingSink : ISupervisionSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<IpcRendererUnresponsiveEventArgs> Unresponsive { get; } = new();

        public bool IsStopRequested => false;

        public bool Connected(IpcSender renderer, IRendererProcess process, IpcRendererExit? replaced, RestartDecision restart) => true;

        public void Lost(IpcRendererExit exit)
        {
        }

        public void Restarting(IpcRendererExit exit, RestartDecision restart)
        {
        }

        void ISupervisionSink.Unresponsive(IpcRendererUnresponsiveEventArgs args) => Unresponsive.Enqueue(args);

        public void Responsive(IpcRendererResponsiveEventArgs args)
        {
        }
    }
}
