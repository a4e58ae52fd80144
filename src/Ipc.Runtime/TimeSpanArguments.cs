using System.Runtime.CompilerServices;

namespace Ipc;

/// <summary>
/// The checks every time-span setting of the options uses, so each kind of value is refused the same way. All
/// refuse spans above <see cref="int.MaxValue"/> milliseconds, which timers and waits cannot take. Ipc.Hosting
/// compiles this file too, so its options refuse values with the same checks and messages.
/// </summary>
internal static class TimeSpanArguments
{
    /// <summary>A positive span, or <see cref="Timeout.InfiniteTimeSpan"/> for "no limit".</summary>
    public static TimeSpan PositiveOrInfinite(TimeSpan value, [CallerMemberName] string name = "") =>
        value == Timeout.InfiniteTimeSpan ? value : Positive(value, name);

    /// <summary>A span of at least one millisecond (what a socket timeout can express), or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static TimeSpan AtLeastOneMillisecondOrInfinite(TimeSpan value, [CallerMemberName] string name = "") =>
        value == Timeout.InfiniteTimeSpan || (value >= TimeSpan.FromMilliseconds(1) && value.TotalMilliseconds <= int.MaxValue)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Use a timeout of at least 1 ms (at most int.MaxValue milliseconds) or Timeout.InfiniteTimeSpan.");

    public static TimeSpan Positive(TimeSpan value, [CallerMemberName] string name = "") =>
        value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Use a positive time span (at most int.MaxValue milliseconds).");

    public static TimeSpan NotNegative(TimeSpan value, [CallerMemberName] string name = "") =>
        value >= TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Use a time span of zero or more (at most int.MaxValue milliseconds).");
}
