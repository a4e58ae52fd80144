using System.Diagnostics;

namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>Waits for something that happens on another thread or process, with a generous "does not hang" bound.</summary>
public static class Eventually
{
    /// <summary>The upper bound for anything the tests wait for; the spec's own limits are far lower.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds and returns how long that took; fails after <see cref="Bound"/>.</summary>
    public static async Task<TimeSpan> TrueAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Bound, $"Still waiting after {Bound.TotalSeconds} s for: {what}");
            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    /// <summary>Awaits <paramref name="task"/>, failing after <see cref="Bound"/>.</summary>
    public static Task<T> Within<T>(Task<T> task) => task.WaitAsync(Bound);

    /// <summary>Awaits <paramref name="task"/>, failing after <see cref="Bound"/>.</summary>
    public static Task Within(Task task) => task.WaitAsync(Bound);
}
