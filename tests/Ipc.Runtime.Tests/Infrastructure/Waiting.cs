namespace Ipc.Runtime.Tests.Infrastructure;

public static class Waiting
{
    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging if it never completes.</summary>
    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Rig.Patience);

    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging if it never completes.</summary>
    public static Task Bounded(this Task task) => task.WaitAsync(Rig.Patience);
}
