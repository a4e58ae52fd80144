using Ipc.Supervision;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// The restart policy alone: the crash budget is at most MaxRestarts restarts in a sliding RestartWindow, and the
/// back-off starts at InitialRestartDelay, doubles with each restart in a row, stops at MaxRestartDelay, and starts
/// over after an instance that lived longer than the window.
/// </summary>
public sealed class RestartPolicyTests
{
    private readonly WatchedClock _clock = new();

    [Fact]
    public void TheDefaultsAllowThreeRestartsAndTheFourthFailureGivesUp()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock });

        Assert.Equal(new RestartDecision(true, 1, TimeSpan.FromSeconds(1)), policy.Next(TimeSpan.Zero));
        Assert.Equal(new RestartDecision(true, 2, TimeSpan.FromSeconds(2)), policy.Next(TimeSpan.Zero));
        Assert.Equal(new RestartDecision(true, 3, TimeSpan.FromSeconds(4)), policy.Next(TimeSpan.Zero));
        Assert.False(policy.Next(TimeSpan.Zero).Restart);
        Assert.Equal(3, policy.Total);
    }

    [Fact]
    public void TheDelayDoublesFromTheInitialDelayAndStopsAtTheMaximum()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock, MaxRestarts = 100 });

        TimeSpan[] delays = [.. Enumerable.Range(0, 8).Select(_ => policy.Next(TimeSpan.Zero).Delay)];

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void ABudgetWindowSlidesSoThatOldRestartsNoLongerCount()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock, MaxRestarts = 2 });
        Assert.True(policy.Next(TimeSpan.Zero).Restart);  // at 0:00
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(policy.Next(TimeSpan.Zero).Restart);  // at 1:00

        _clock.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromTicks(1));
        Assert.False(policy.Next(TimeSpan.Zero).Restart); // just before 5:00 both restarts are in the window

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(policy.Next(TimeSpan.Zero).Restart);  // at 5:00 the first has left it
        Assert.False(policy.Next(TimeSpan.Zero).Restart); // 1:00 and 5:00 are in it
    }

    [Fact]
    public void AnInstanceThatLivedLongerThanTheWindowStartsTheBackOffOver()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock, MaxRestarts = 100 });
        policy.Next(TimeSpan.Zero);
        policy.Next(TimeSpan.FromMinutes(4));
        Assert.Equal(new RestartDecision(true, 3, TimeSpan.FromSeconds(4)), policy.Next(TimeSpan.FromMinutes(1)));

        Assert.Equal(new RestartDecision(true, 1, TimeSpan.FromSeconds(1)), policy.Next(TimeSpan.FromMinutes(5)));
        Assert.Equal(new RestartDecision(true, 2, TimeSpan.FromSeconds(2)), policy.Next(TimeSpan.Zero));
    }

    [Fact]
    public void ZeroMaxRestartsNeverRestarts()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock, MaxRestarts = 0 });

        Assert.False(policy.Next(TimeSpan.FromHours(1)).Restart);
        Assert.Equal(0, policy.Total);
    }

    [Fact]
    public void AZeroInitialDelayRestartsAtOnceEveryTime()
    {
        var policy = new RestartPolicy(new IpcSupervisionOptions { TimeProvider = _clock, InitialRestartDelay = TimeSpan.Zero, MaxRestarts = 5 });

        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(TimeSpan.Zero, policy.Next(TimeSpan.Zero).Delay));
    }
}
