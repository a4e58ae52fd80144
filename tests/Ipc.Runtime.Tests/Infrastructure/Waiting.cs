namespace Ipc.Runtime.Tests.Infrastructure;

public static class Waiting
{
    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging if it never completes.</summary>
    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Rig.Patience);

    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging if it never completes.</summary>
    public static Task Bounded(this Task task) => task.WaitAsync(Rig.Patience);

    /// <summary>Returns once <paramref name="condition"/> holds, checking every few milliseconds; fails the test after <see cref="Rig.Patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Rig.Patience, "The condition never held.");
            await Task.Delay(5);
        }
    }
}
