namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Records every unobserved task exception in the test process, so a fault test can check that nothing it
/// provoked left a faulted task behind unobserved.
/// </summary>
public static class UnobservedTasks
{
    private static readonly List<Exception> s_seen = [];

    static UnobservedTasks()
    {
        TaskScheduler.UnobservedTaskException += (_, e) =>
        {
            lock (s_seen)
            {
                s_seen.Add(e.Exception);
            }
        };
    }

    /// <summary>Starts recording afresh; call at the start of a test (the tests that use it run one at a time).</summary>
    public static void Watch()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(); // whatever earlier tests abandoned is reported now, not during this one
            GC.WaitForPendingFinalizers();
        }

        lock (s_seen)
        {
            s_seen.Clear();
        }
    }

    /// <summary>Collects garbage so that abandoned faulted tasks are finalized, then fails if any was unobserved.</summary>
    public static void AssertNone()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        lock (s_seen)
        {
            Assert.True(s_seen.Count == 0, "Unobserved task exceptions: " + string.Join(" | ", s_seen));
        }
    }
}
