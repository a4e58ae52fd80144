using System.Diagnostics;
using System.Threading.Channels;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// A main with one supervised renderer whose instances are <see cref="FakeRenderers"/> and whose time is a
/// <see cref="WatchedClock"/>. The heartbeat is off unless a test turns it on. Every event is recorded in order.
/// </summary>
internal sealed class SupervisionRig : IAsyncDisposable
{
    private readonly Channel<IpcRendererRestartedEventArgs> _restarted = Channel.CreateUnbounded<IpcRendererRestartedEventArgs>();
    private readonly Channel<IpcRendererUnresponsiveEventArgs> _unresponsive = Channel.CreateUnbounded<IpcRendererUnresponsiveEventArgs>();
    private readonly Channel<IpcRendererResponsiveEventArgs> _responsive = Channel.CreateUnbounded<IpcRendererResponsiveEventArgs>();
    private readonly Channel<IpcSupervisionEndedEventArgs> _ended = Channel.CreateUnbounded<IpcSupervisionEndedEventArgs>();

    public SupervisionRig(Action<IpcSupervisionOptions>? configure = null)
    {
        Main.Error += (_, e) => Errors.Add(e);
        Renderers = new FakeRenderers(Main);
        var options = new IpcSupervisionOptions { TimeProvider = Clock, HeartbeatInterval = Timeout.InfiniteTimeSpan };
        configure?.Invoke(options);
        Supervised = Main.SuperviseRendererWith(() => Renderers, () => new ProcessStartInfo("fake-renderer"), options.Validated());
        Supervised.Restarted += (_, e) => _restarted.Writer.TryWrite(e);
        Supervised.Unresponsive += (_, e) => _unresponsive.Writer.TryWrite(e);
        Supervised.Responsive += (_, e) => _responsive.Writer.TryWrite(e);
        Supervised.Ended += (_, e) => _ended.Writer.TryWrite(e);
    }

    public WatchedClock Clock { get; } = new();

    public IpcMain Main { get; } = new();

    public FakeRenderers Renderers { get; }

    public IpcSupervisedRenderer Supervised { get; }

    public System.Collections.Concurrent.ConcurrentBag<IpcErrorEventArgs> Errors { get; } = [];

    /// <summary>The next <see cref="IpcSupervisedRenderer.Restarted"/>, waited for boundedly.</summary>
    public Task<IpcRendererRestartedEventArgs> RestartedAsync() => _restarted.Reader.ReadAsync().AsTask().Bounded();

    public Task<IpcRendererUnresponsiveEventArgs> UnresponsiveAsync() => _unresponsive.Reader.ReadAsync().AsTask().Bounded();

    public Task<IpcRendererResponsiveEventArgs> ResponsiveAsync() => _responsive.Reader.ReadAsync().AsTask().Bounded();

    public Task<IpcSupervisionEndedEventArgs> EndedAsync() => _ended.Reader.ReadAsync().AsTask().Bounded();

    /// <summary>How many events of each kind were raised and not read yet, once main's dispatcher has run everything queued before this call.</summary>
    public async Task<(int Restarted, int Unresponsive, int Responsive, int Ended)> UnreadEventsAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Main.Dispatcher.Enqueue(new ActionItem(drained.SetResult));
        await drained.Task.Bounded();
        return (_restarted.Reader.Count, _unresponsive.Reader.Count, _responsive.Reader.Count, _ended.Reader.Count);
    }

    /// <summary>Crashes the current instance with <paramref name="exitCode"/> and lets its back-off of <paramref name="delay"/> pass; returns the restart.</summary>
    public async Task<IpcRendererRestartedEventArgs> CrashAndRestartAsync(int exitCode, TimeSpan delay)
    {
        await CrashAndRestartWithoutReadingAsync(exitCode, delay);
        return await RestartedAsync();
    }

    /// <summary>Crashes the current instance and lets the back-off pass; returns once the next instance is current (its event may still be queued).</summary>
    public async Task CrashAndRestartWithoutReadingAsync(int exitCode, TimeSpan delay)
    {
        int starts = Renderers.Processes.Count;
        Renderers.Processes[^1].Exit(exitCode);
        await Clock.AdvanceTimerAsync(delay, "the back-off before the restart");
        await Waiting.UntilAsync(() => Renderers.Processes.Count > starts && Supervised.Current is not null);
    }

    public async ValueTask DisposeAsync()
    {
        Supervised.Dispose();
        Main.Dispose();
        await Supervised.Completion.Bounded();
    }
}
