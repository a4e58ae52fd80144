using System.Diagnostics;

namespace Ipc.Supervision;

/// <summary>
/// Decides, each time a supervised instance ends, whether to restart it and after how long: the crash budget
/// (at most <see cref="IpcSupervisionOptions.MaxRestarts"/> restarts in a sliding <see cref="IpcSupervisionOptions.RestartWindow"/>)
/// and the exponential back-off (<see cref="IpcSupervisionOptions.InitialRestartDelay"/>, doubling, capped at
/// <see cref="IpcSupervisionOptions.MaxRestartDelay"/>). Time comes from the options' <see cref="TimeProvider"/> alone.
/// </summary>
/// <remarks>
/// Invariant: <see cref="_restarts"/> holds the timestamps of the restarts decided within the window, oldest first, and
/// never more than <see cref="IpcSupervisionOptions.MaxRestarts"/> of them. Used by one supervision loop at a time: not
/// thread-safe.
/// </remarks>
[DebuggerDisplay("Restarts in window = {_restarts.Count}, Attempt = {_attempt}")]
internal sealed class RestartPolicy(IpcSupervisionOptions options)
{
    private readonly Queue<long> _restarts = new();
    private readonly TimeProvider _time = options.TimeProvider;
    private int _attempt;

    /// <summary>How many restarts were decided in all.</summary>
    public int Total { get; private set; }

    /// <summary>Decides what follows the end of an instance that was connected for <paramref name="uptime"/> (zero if it never connected).</summary>
    public RestartDecision Next(TimeSpan uptime)
    {
        long now = _time.GetTimestamp();
        while (_restarts.Count > 0 && _time.GetElapsedTime(_restarts.Peek(), now) >= options.RestartWindow)
        {
            _restarts.Dequeue(); // the window slides: restarts older than it no longer count
        }

        if (_restarts.Count >= options.MaxRestarts)
        {
            return RestartDecision.GiveUp;
        }

        if (uptime >= options.RestartWindow)
        {
            _attempt = 0; // it ran longer than the window: its end is a fresh failure, not one of a run
        }

        _attempt++;
        _restarts.Enqueue(now);
        Total++;
        return new RestartDecision(Restart: true, _attempt, DelayOf(_attempt));
    }

    /// <summary>The back-off before attempt <paramref name="attempt"/>: the initial delay doubled attempt − 1 times, capped.</summary>
    private TimeSpan DelayOf(int attempt)
    {
        TimeSpan delay = options.InitialRestartDelay;
        for (int i = 1; i < attempt && delay < options.MaxRestartDelay; i++)
        {
            delay += delay; // cannot overflow: it stays below twice the cap, which fits int.MaxValue milliseconds twice over
        }

        return delay < options.MaxRestartDelay ? delay : options.MaxRestartDelay;
    }
}

/// <summary>What <see cref="RestartPolicy.Next"/> decided.</summary>
/// <param name="Restart">False when the budget is spent: supervision gives up.</param>
/// <param name="Attempt">The number of the restart in the current run of failures, from 1.</param>
/// <param name="Delay">How long to wait before it.</param>
internal readonly record struct RestartDecision(bool Restart, int Attempt, TimeSpan Delay)
{
    public static RestartDecision GiveUp => new(false, 0, TimeSpan.Zero);
}
