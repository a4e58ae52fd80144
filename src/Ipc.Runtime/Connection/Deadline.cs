using System.Diagnostics;

namespace Ipc.Connection;

/// <summary>
/// The moment a call gives up, fixed when the call starts: writing its message and waiting for its reply
/// both count toward it, so no call waits longer than its timeout in total.
/// </summary>
[DebuggerDisplay("{IsInfinite ? \"never\" : Remaining.ToString()}")]
internal readonly struct Deadline
{
    private readonly long _expiresAt;

    private Deadline(long expiresAt) => _expiresAt = expiresAt;

    /// <summary>A deadline that never passes.</summary>
    public static Deadline Never => new(long.MaxValue);

    public bool IsInfinite => _expiresAt == long.MaxValue;

    public bool HasPassed => !IsInfinite && Stopwatch.GetTimestamp() >= _expiresAt;

    /// <summary>The time left, never negative; <see cref="Timeout.InfiniteTimeSpan"/> for <see cref="Never"/>.</summary>
    public TimeSpan Remaining => IsInfinite
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(Math.Max(0, (long)((_expiresAt - Stopwatch.GetTimestamp()) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency))));

    /// <summary>The deadline <paramref name="timeout"/> from now; <see cref="Timeout.InfiniteTimeSpan"/> gives <see cref="Never"/>.</summary>
    public static Deadline After(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan
            ? Never
            : new(Stopwatch.GetTimestamp() + (long)(timeout.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond)));
}
