namespace Ipc;

/// <summary>
/// How <see cref="IpcSupervisedRenderer"/> restarts a renderer process and checks that it is alive
/// (<see cref="IpcMain.SuperviseRenderer"/>). The defaults follow VS Code's extension host (3 restarts in 5 minutes)
/// and Chromium's hang monitor (unresponsive after 15 s); docs/supervision.md explains each.
/// </summary>
/// <remarks>
/// <see cref="IpcMain.SuperviseRenderer"/> copies the values it is given, so changing an instance afterwards changes
/// nothing. Setters validate their own value; <see cref="IpcMain.SuperviseRenderer"/> checks that the values agree with
/// each other. Not thread-safe while being set up, like every options class.
/// </remarks>
public sealed class IpcSupervisionOptions
{
    /// <summary>The default <see cref="MaxRestarts"/>: 3.</summary>
    public const int DefaultMaxRestarts = 3;

    /// <summary>The default <see cref="RestartWindow"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRestartWindow = TimeSpan.FromMinutes(5);

    /// <summary>The default <see cref="InitialRestartDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultInitialRestartDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="MaxRestartDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxRestartDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="HeartbeatInterval"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="UnresponsiveTimeout"/>: 15 seconds, Chromium's hang timeout.</summary>
    public static readonly TimeSpan DefaultUnresponsiveTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The default <see cref="ShutdownTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    private int _maxRestarts = DefaultMaxRestarts;
    private TimeSpan _restartWindow = DefaultRestartWindow;
    private TimeSpan _initialRestartDelay = DefaultInitialRestartDelay;
    private TimeSpan _maxRestartDelay = DefaultMaxRestartDelay;
    private TimeSpan _heartbeatInterval = DefaultHeartbeatInterval;
    private TimeSpan _unresponsiveTimeout = DefaultUnresponsiveTimeout;
    private TimeSpan _shutdownTimeout = DefaultShutdownTimeout;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>
    /// The crash budget: how many restarts <see cref="RestartWindow"/> may hold. When an instance ends and this many
    /// restarts were made in the window before it, supervision gives up (<see cref="IpcSupervisedRenderer.Ended"/>,
    /// <see cref="IpcSupervisionEndReason.GaveUp"/>). Every restart counts, whatever ended the instance. 3 by default;
    /// 0 never restarts (Electron's behaviour: a dead renderer stays dead) but still reports the end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxRestarts
    {
        get => _maxRestarts;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxRestarts = value;
        }
    }

    /// <summary>
    /// The sliding window of the crash budget (<see cref="MaxRestarts"/>): 5 minutes by default. An instance that lived
    /// longer than the window also starts the back-off over at <see cref="InitialRestartDelay"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan RestartWindow
    {
        get => _restartWindow;
        set => _restartWindow = TimeSpanArguments.Positive(value);
    }

    /// <summary>
    /// How long supervision waits before the first restart after a failure: 1 second by default. Each further restart
    /// in a row waits twice as long as the one before, up to <see cref="MaxRestartDelay"/>. Zero restarts at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or infinite.</exception>
    public TimeSpan InitialRestartDelay
    {
        get => _initialRestartDelay;
        set => _initialRestartDelay = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>The longest wait before a restart: 30 seconds by default. Must not be less than <see cref="InitialRestartDelay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or infinite.</exception>
    public TimeSpan MaxRestartDelay
    {
        get => _maxRestartDelay;
        set => _maxRestartDelay = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>
    /// Whether a renderer that exits with code 0 without main asking it to (<see cref="IpcRendererExitReason.Exited"/>)
    /// is restarted like one that crashed, against the same budget: true by default, since a renderer the application
    /// wants running should not stop because it returned. False ends supervision instead
    /// (<see cref="IpcSupervisionEndReason.RendererExited"/>), for a renderer whose own decision to quit is final.
    /// An exit after <see cref="IpcSupervisedRenderer.StopAsync"/> is never a failure, whatever its code.
    /// </summary>
    public bool RestartOnCleanExit { get; set; } = true;

    /// <summary>
    /// How long after a heartbeat is answered the next one is sent: 5 seconds by default.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the liveness check off. A renderer that stops answering is seen
    /// within <see cref="HeartbeatInterval"/> + <see cref="UnresponsiveTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        set => _heartbeatInterval = TimeSpanArguments.PositiveOrInfinite(value);
    }

    /// <summary>
    /// How long a heartbeat may go unanswered before the renderer is reported unresponsive
    /// (<see cref="IpcSupervisedRenderer.Unresponsive"/>): 15 seconds by default, as Chromium waits for a renderer.
    /// The heartbeat is answered on the renderer's dispatcher, so a renderer whose listener or handler blocks it is
    /// unresponsive even though its process runs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan UnresponsiveTimeout
    {
        get => _unresponsiveTimeout;
        set => _unresponsiveTimeout = TimeSpanArguments.Positive(value);
    }

    /// <summary>
    /// Whether an unresponsive renderer is killed and restarted (<see cref="IpcRendererExitReason.Hung"/>): true by
    /// default. False only reports it, and <see cref="IpcSupervisedRenderer.Responsive"/> tells when it answers again.
    /// </summary>
    public bool RestartUnresponsive { get; set; } = true;

    /// <summary>
    /// How long <see cref="IpcSupervisedRenderer.StopAsync"/> lets the renderer exit by itself, once its connection is
    /// closed, before killing it: 5 seconds by default. Zero kills it at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or infinite.</exception>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set => _shutdownTimeout = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>
    /// The clock of every supervision delay and timeout (back-off, crash window, heartbeat, shutdown):
    /// <see cref="TimeProvider.System"/> by default. Tests pass a fake one to drive time.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A copy, so that later changes to this instance do not reach a running supervision.</summary>
    /// <exception cref="ArgumentException">The values disagree with each other.</exception>
    internal IpcSupervisionOptions Validated()
    {
        if (_maxRestartDelay < _initialRestartDelay)
        {
            throw new ArgumentException(
                $"MaxRestartDelay ({_maxRestartDelay}) is less than InitialRestartDelay ({_initialRestartDelay}).", "options");
        }

        return (IpcSupervisionOptions)MemberwiseClone();
    }
}
