using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose timers the test can see: which wait, and for how long. Supervision waits only
/// on its clock, so a test first waits (in real time, bounded) for the timer it expects — "the 2 s back-off is armed" —
/// and then advances the fake time exactly that far. No test sleeps to let the supervisor reach a point.
/// </summary>
public sealed class WatchedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly List<WatchedTimer> _timers = [];

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    /// <summary>The timers that are armed now (created or changed to a finite due time, not fired, not disposed).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_timers)
            {
                return _timers.Count(t => t.IsArmed);
            }
        }
    }

    /// <summary>How long each armed timer has left, soonest first.</summary>
    public TimeSpan[] Remaining
    {
        get
        {
            DateTimeOffset now = GetUtcNow();
            lock (_timers)
            {
                return [.. _timers.Where(t => t.IsArmed).Select(t => t.DueAt - now).Order()];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, callback, state);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Arm(dueTime, period);
        timer.Inner = _fake.CreateTimer(static s => ((WatchedTimer)s!).Fire(), timer, dueTime, period);
        return timer;
    }

    /// <summary>Moves the fake time on; timers due by then fire on this thread.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Returns once a timer with <paramref name="remaining"/> left is armed; fails the test if none is within <see cref="Infrastructure.Rig.Patience"/>.</summary>
    public async Task WaitForTimerAsync(TimeSpan remaining, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!Remaining.Contains(remaining))
        {
            Assert.True(waited.Elapsed < Infrastructure.Rig.Patience, $"No {remaining} timer was armed for: {what} (armed: {string.Join(", ", Remaining)}).");
            await Task.Delay(2);
        }
    }

    /// <summary>Waits for the timer of <paramref name="remaining"/>, then advances the time by as much, firing it.</summary>
    public async Task AdvanceTimerAsync(TimeSpan remaining, string what)
    {
        await WaitForTimerAsync(remaining, what);
        Advance(remaining);
    }

    private sealed class WatchedTimer(WatchedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly object _gate = new();
        private bool _disposed;
        private bool _periodic;
        private bool _fired;

        public ITimer? Inner { get; set; }

        public DateTimeOffset DueAt { get; private set; }

        public bool IsArmed
        {
            get
            {
                lock (_gate)
                {
                    return !_disposed && !(_fired && !_periodic) && DueAt != DateTimeOffset.MaxValue;
                }
            }
        }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _fired = false;
                _periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock.GetUtcNow() + dueTime;
            }
        }

        public void Fire()
        {
            lock (_gate)
            {
                _fired = true;
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
