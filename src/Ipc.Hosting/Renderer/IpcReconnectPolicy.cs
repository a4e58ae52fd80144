namespace Ipc.Hosting;

/// <summary>
/// How a hosted renderer reconnects to main (<see cref="IpcMainDisconnectedAction.Reconnect"/>): at most
/// <see cref="MaxAttempts"/> attempts, the first after <see cref="InitialDelay"/>, each further one after twice the
/// delay before it, up to <see cref="MaxDelay"/>. The same shape as supervision's restart back-off on main's side.
/// Set while the host is being built and read on each reconnection; not thread-safe to change while the host runs.
/// </summary>
public sealed class IpcReconnectPolicy
{
    /// <summary>The default <see cref="MaxAttempts"/>: 5.</summary>
    public const int DefaultMaxAttempts = 5;

    /// <summary>The default <see cref="InitialDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="MaxDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    private int _maxAttempts = DefaultMaxAttempts;
    private TimeSpan _initialDelay = DefaultInitialDelay;
    private TimeSpan _maxDelay = DefaultMaxDelay;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>
    /// How many connection attempts follow one disconnection before the host is stopped: 5 by default (1 + 2 + 4 + 8
    /// + 16 s, half a minute for a main to come back). A successful reconnection starts the count over.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxAttempts = value;
        }
    }

    /// <summary>How long the renderer waits before its first attempt: 1 second by default. Zero tries at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above int.MaxValue milliseconds.</exception>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        set => _initialDelay = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>The longest wait between two attempts: 30 seconds by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above int.MaxValue milliseconds.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>The clock of the delays: <see cref="TimeProvider.System"/> unless a test sets its own.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> (1, 2, …): the initial delay, doubled per attempt, capped.</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        double milliseconds = _initialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return milliseconds >= _maxDelay.TotalMilliseconds ? _maxDelay : TimeSpan.FromMilliseconds(milliseconds);
    }
}
