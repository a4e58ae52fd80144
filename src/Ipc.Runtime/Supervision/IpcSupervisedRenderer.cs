using System.Diagnostics;
using Ipc.Dispatch;
using Ipc.Logging;
using Ipc.Supervision;
using Ipc.Telemetry;

namespace Ipc;

/// <summary>
/// A renderer process that main restarts when it crashes, hangs or fails to start: the handle
/// <see cref="IpcMain.SuperviseRenderer"/> returns. Electron never restores a dead renderer; this does, within a crash
/// budget, as VS Code does for its extension host. Nothing starts until <see cref="StartAsync"/>, so event handlers
/// attached before it miss nothing.
/// </summary>
/// <remarks>
/// <para>
/// Each instance is started as <see cref="IpcMain.StartRendererAsync"/> would, from a fresh
/// <see cref="ProcessStartInfo"/>. While one is connected, <see cref="Current"/> is its <see cref="IpcSender"/>; when it
/// ends, calls pending to or from it fail at once with <see cref="IpcDisconnectedException"/>, <see cref="Current"/> is
/// null, and after the back-off the next instance starts; <see cref="Restarted"/> reports it once connected. When the
/// crash budget is spent, supervision gives up: <see cref="Ended"/> is raised and <see cref="Completion"/> completes.
/// </para>
/// <para>
/// A heartbeat answered on the renderer's dispatcher tells whether the renderer is alive (see
/// <see cref="IpcSupervisionOptions.HeartbeatInterval"/>): one that does not answer within
/// <see cref="IpcSupervisionOptions.UnresponsiveTimeout"/> is reported (<see cref="Unresponsive"/>) and, by default,
/// killed and restarted.
/// </para>
/// <para>
/// Every event is raised on main's dispatcher, like <see cref="IpcMain.RendererGone"/>; a handler that throws is
/// reported through <see cref="IpcMain.Error"/>. None is raised once <see cref="StopAsync"/> or <see cref="Dispose"/>
/// has returned, or main is disposed. Every member is thread-safe.
/// </para>
/// </remarks>
[DebuggerDisplay("Current = {Current}, Stopped = {_stopRequested}")]
public sealed class IpcSupervisedRenderer : IDisposable, IAsyncDisposable, ISupervisionSink
{
    private readonly object _gate = new();
    private readonly IpcMain _main;
    private readonly SupervisionLoop _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _killing = new();
    private readonly TaskCompletionSource<IpcSupervisionEndedEventArgs> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed with the current instance while there is one; replaced when it ends; failed when supervision ends.</summary>
    private TaskCompletionSource<IpcSender> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IpcSender? _current;
    private IRendererProcess? _process;
    private Task? _running;
    private bool _stopRequested;
    private IpcSupervisionEndReason _stopReason;

    internal IpcSupervisedRenderer(IpcMain main, Func<ProcessStartInfo> startInfo, IpcSupervisionOptions options, Func<IRendererStarter> starter)
    {
        _main = main;
        Options = options;
        _loop = new SupervisionLoop(starter, startInfo, options, this);
    }

    /// <summary>
    /// Raised on main's dispatcher each time a new instance has connected in place of one that ended (not for the
    /// first instance): why the old one ended, the attempt, the delay waited, and the new <see cref="IpcSender"/>.
    /// </summary>
    public event EventHandler<IpcRendererRestartedEventArgs>? Restarted;

    /// <summary>
    /// Raised on main's dispatcher when the current instance has not answered a heartbeat within
    /// <see cref="IpcSupervisionOptions.UnresponsiveTimeout"/>: once per episode, before it is killed (when
    /// <see cref="IpcSupervisionOptions.RestartUnresponsive"/>). Electron's <c>webContents</c> 'unresponsive' event.
    /// </summary>
    public event EventHandler<IpcRendererUnresponsiveEventArgs>? Unresponsive;

    /// <summary>
    /// Raised on main's dispatcher when an instance reported <see cref="Unresponsive"/>, and left running
    /// (<see cref="IpcSupervisionOptions.RestartUnresponsive"/> false), answers again. Electron's 'responsive' event.
    /// </summary>
    public event EventHandler<IpcRendererResponsiveEventArgs>? Responsive;

    /// <summary>
    /// Raised on main's dispatcher when supervision ends by itself: it gave up (<see cref="IpcSupervisionEndReason.GaveUp"/>)
    /// or the renderer's clean exit is final (<see cref="IpcSupervisionEndReason.RendererExited"/>). Not raised when
    /// <see cref="StopAsync"/>, <see cref="Dispose"/> or main's Dispose ends it; <see cref="Completion"/> reports every end.
    /// </summary>
    public event EventHandler<IpcSupervisionEndedEventArgs>? Ended;

    /// <summary>The connected instance; null before the first connects, while one is being restarted, and once supervision has ended.</summary>
    public IpcSender? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Completes when supervision has ended, however it ended (never faults): once <see cref="StopAsync"/> or
    /// <see cref="Dispose"/> stopped it (after the last instance is gone, for <see cref="StopAsync"/>), once it gave up,
    /// or once main was disposed.
    /// </summary>
    public Task<IpcSupervisionEndedEventArgs> Completion => _completion.Task;

    /// <summary>The settings, as copied when supervision was created.</summary>
    internal IpcSupervisionOptions Options { get; }

    bool ISupervisionSink.IsStopRequested => Volatile.Read(ref _stopRequested);

    /// <summary>
    /// Starts supervising: starts the first instance and returns it once connected. A start that fails is retried
    /// with the back-off, within the crash budget, like a later crash; so this returns a later instance when the first
    /// fails, and throws when the budget is spent before any connects.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start: supervision then stops, and an instance not yet connected is killed.</param>
    /// <returns>The first connected instance.</returns>
    /// <exception cref="InvalidOperationException">Supervision was started already.</exception>
    /// <exception cref="IpcException">Supervision gave up before an instance connected; the inner exception, if any, is why the last start failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    /// <exception cref="ObjectDisposedException">Supervision was stopped, or main disposed.</exception>
    public Task<IpcSender> StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfStopped();
            if (_running is not null)
            {
                throw new InvalidOperationException("This renderer is supervised already: StartAsync may be called once.");
            }

            cancellationToken.ThrowIfCancellationRequested();

            // The loop must not inherit the caller's ambient state: its heartbeats would carry the caller's trace
            // context, for one, for as long as the renderer runs.
            using (ExecutionContext.SuppressFlow())
            {
                _running = Task.Run(RunAsync);
            }
        }

        return FirstInstanceAsync(cancellationToken);
    }

    /// <summary>Returns the connected instance, or waits for the next one (while a restart is under way, or before the first).</summary>
    /// <param name="cancellationToken">Ends the wait (supervision goes on).</param>
    /// <returns>The connected instance.</returns>
    /// <exception cref="IpcException">Supervision gave up, or the renderer's clean exit ended it (in the returned task).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first (in the returned task).</exception>
    /// <exception cref="ObjectDisposedException">Supervision was stopped, or main disposed (thrown, or in the returned task when it happens while waiting).</exception>
    public Task<IpcSender> WaitForRendererAsync(CancellationToken cancellationToken = default)
    {
        Task<IpcSender> next;
        lock (_gate)
        {
            ThrowIfStopped();
            if (_current is not null)
            {
                return Task.FromResult(_current);
            }

            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops supervising: nothing is restarted any more, the current instance's connection is closed (calls pending to
    /// or from it fail with <see cref="IpcDisconnectedException"/>), it gets <see cref="IpcSupervisionOptions.ShutdownTimeout"/>
    /// to exit by itself — a renderer exits when its main disconnects — and is then killed. Its exit, whatever its code,
    /// is not a failure. Returns once the instance has exited (or not exited within seconds of being killed) and
    /// supervision's timers are gone; <see cref="Completion"/> then reports <see cref="IpcSupervisionEndReason.Stopped"/>.
    /// Calling it again, or after <see cref="Dispose"/>, waits for the same end.
    /// </summary>
    /// <param name="cancellationToken">Cuts the shutdown short: the instance is killed at once. The method still returns normally.</param>
    /// <returns>A task that completes when supervision has ended.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        RequestStop(IpcSupervisionEndReason.Stopped, kill: cancellationToken.IsCancellationRequested);
        using (cancellationToken.UnsafeRegister(static state => ((IpcSupervisedRenderer)state!).RequestStop(IpcSupervisionEndReason.Stopped, kill: true), this))
        {
            await Completion.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops supervising and kills the current instance at once, without waiting for it to exit. From then on
    /// <see cref="Current"/> is null, <see cref="StartAsync"/> and <see cref="WaitForRendererAsync"/> throw
    /// <see cref="ObjectDisposedException"/>, and no event is raised. Calling it again does nothing.
    /// </summary>
    public void Dispose() => RequestStop(IpcSupervisionEndReason.Stopped, kill: true);

    /// <summary>Stops supervising as <see cref="StopAsync"/> does, letting the current instance exit by itself first.</summary>
    /// <returns>A task that completes when supervision has ended.</returns>
    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Main is being disposed: stop at once, killing the instance, with <see cref="IpcSupervisionEndReason.MainDisposed"/>.</summary>
    internal void Abandon() => RequestStop(IpcSupervisionEndReason.MainDisposed, kill: true);

    bool ISupervisionSink.Connected(IpcSender renderer, IRendererProcess process, IpcRendererExit? replaced, RestartDecision restart)
    {
        TaskCompletionSource<IpcSender> next;
        lock (_gate)
        {
            if (_stopRequested)
            {
                return false;
            }

            _current = renderer;
            _process = process;
            next = _next;
        }

        next.TrySetResult(renderer);
        if (replaced is not null)
        {
            if (_main.Loggers.Endpoint is not null)
            {
                IpcLog.SupervisedRestarted(_main.Loggers.Endpoint, renderer);
            }

            Raise(static owner => owner.Restarted, new IpcRendererRestartedEventArgs(replaced, restart.Attempt, restart.Delay, renderer));
        }

        return true;
    }

    void ISupervisionSink.Lost(IpcRendererExit exit)
    {
        lock (_gate)
        {
            _current = null;
            _process = null;
            if (!_stopRequested && _next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource<IpcSender>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    void ISupervisionSink.Restarting(IpcRendererExit exit, RestartDecision restart)
    {
        IpcMetrics.Restarting(exit.Reason);
        if (_main.Loggers.Endpoint is not null)
        {
            IpcLog.SupervisedRestarting(_main.Loggers.Endpoint, exit, restart.Delay, restart.Attempt);
        }
    }

    void ISupervisionSink.Unresponsive(IpcRendererUnresponsiveEventArgs args)
    {
        IpcMetrics.Unresponsive();
        if (_main.Loggers.Endpoint is not null)
        {
            IpcLog.SupervisedUnresponsive(_main.Loggers.Endpoint, args.Renderer, args.Waited, args.WillRestart ? "; killing it to restart it" : "");
        }

        Raise(static owner => owner.Unresponsive, args);
    }

    void ISupervisionSink.Responsive(IpcRendererResponsiveEventArgs args)
    {
        if (_main.Loggers.Endpoint is not null)
        {
            IpcLog.SupervisedResponsive(_main.Loggers.Endpoint, args.Renderer, args.Waited);
        }

        Raise(static owner => owner.Responsive, args);
    }

    private async Task<IpcSender> FirstInstanceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await WaitForRendererAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false); // cancelled: kills whatever has started, at once
            throw;
        }
    }

    /// <summary>Runs the loop to its end; never faults.</summary>
    private async Task RunAsync()
    {
        SupervisionOutcome outcome;
        try
        {
            outcome = await _loop.RunAsync(_stopping.Token, _killing.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug, not a renderer's failure: report it, and end as stopped rather than leave Completion pending.
            _main.ReportError(new IpcErrorEventArgs(e, null, null));
            outcome = new SupervisionOutcome(IpcSupervisionEndReason.Stopped, null, 0);
        }

        End(outcome);
    }

    /// <summary>Marks the stop (the first reason wins), fails the waiters, and lets the loop stop the instance; <paramref name="kill"/> kills it now.</summary>
    private void RequestStop(IpcSupervisionEndReason reason, bool kill)
    {
        IRendererProcess? process;
        TaskCompletionSource<IpcSender> next;
        bool neverStarted;
        lock (_gate)
        {
            if (!_stopRequested)
            {
                _stopRequested = true;
                _stopReason = reason;
            }

            process = kill ? _process : null;
            next = _next;
            neverStarted = _running is null;
            _current = null;
        }

        next.TrySetException(StoppedError());
        _ = _stopping.CancelAsync(); // callbacks on the thread pool: the loop never runs on the caller's thread
        if (kill)
        {
            _ = _killing.CancelAsync();
            process?.Kill();
        }

        if (neverStarted)
        {
            End(new SupervisionOutcome(reason, null, 0));
        }
    }

    /// <summary>Completes supervision once: its result, the waiters, main's list, and <see cref="Ended"/> when it ended by itself.</summary>
    private void End(SupervisionOutcome outcome)
    {
        IpcSupervisionEndReason reason;
        bool byItself;
        TaskCompletionSource<IpcSender> next;
        lock (_gate)
        {
            if (_completion.Task.IsCompleted)
            {
                return;
            }

            byItself = !_stopRequested;
            reason = byItself ? outcome.Reason : _stopReason;
            _current = null;
            _process = null;
            next = _next;
        }

        var args = new IpcSupervisionEndedEventArgs(reason, outcome.LastExit, outcome.Restarts);
        next.TrySetException(byItself ? new IpcException(Describe(args), args.LastExit?.Exception) : StoppedError());
        _main.Unregister(this);
        if (_main.Loggers.Endpoint is not null)
        {
            if (reason == IpcSupervisionEndReason.GaveUp)
            {
                IpcLog.SupervisionGaveUp(_main.Loggers.Endpoint, args.Restarts, args.LastExit);
            }
            else
            {
                IpcLog.SupervisionEnded(_main.Loggers.Endpoint, reason, args.LastExit);
            }
        }

        _completion.TrySetResult(args);
        if (byItself)
        {
            Raise(static owner => owner.Ended, args);
        }
    }

    private string Describe(IpcSupervisionEndedEventArgs args) => args.Reason == IpcSupervisionEndReason.GaveUp
        ? $"Supervision of the renderer gave up: its last instance ended ({args.LastExit}) after {args.Restarts} restarts, {Options.MaxRestarts} of them within {Options.RestartWindow}."
        : $"Supervision of the renderer ended: its instance exited with code 0 ({args.LastExit}) and RestartOnCleanExit is false.";

    private ObjectDisposedException StoppedError() => _stopReason == IpcSupervisionEndReason.MainDisposed
        ? new ObjectDisposedException(nameof(IpcMain), "The IpcMain of this supervised renderer is disposed.")
        : new ObjectDisposedException(nameof(IpcSupervisedRenderer), "Supervision of this renderer was stopped.");

    private void ThrowIfStopped()
    {
        if (_stopRequested)
        {
            throw StoppedError();
        }
    }

    /// <summary>Queues an event on main's dispatcher; it is skipped if supervision is stopped (or main disposed) by the time it runs.</summary>
    private void Raise<TArgs>(Func<IpcSupervisedRenderer, EventHandler<TArgs>?> handler, TArgs args)
    {
        _main.Dispatcher.Enqueue(new SupervisionEvent<TArgs>(this, handler, args));
    }

    private sealed class SupervisionEvent<TArgs>(IpcSupervisedRenderer owner, Func<IpcSupervisedRenderer, EventHandler<TArgs>?> handler, TArgs args) : IDispatchItem
    {
        public void Run()
        {
            if (!Volatile.Read(ref owner._stopRequested) && !((Connection.IPeerEndpoint)owner._main).IsDisposed)
            {
                handler(owner)?.Invoke(owner, args);
            }
        }
    }
}
