using System.Runtime.CompilerServices;

namespace Ipc.Dispatch;

/// <summary>
/// Starts IpcGen's own threads (background, named "IpcGen …") and remembers which endpoint each one serves, keyed by
/// the endpoint's <see cref="SerialDispatcher"/> — the one object every part of an endpoint knows. The record is what
/// lets a test prove that no thread outlives its endpoint's disposal, whatever else runs in the process.
/// </summary>
internal static class OwnedThreads
{
    private static readonly ConditionalWeakTable<SerialDispatcher, List<Thread>> s_byOwner = [];

    /// <summary>
    /// Starts <paramref name="run"/> on a new background thread named <paramref name="name"/>, recorded under
    /// <paramref name="owner"/> unless it is null (a part tested on its own, without an endpoint), without the starting
    /// thread's execution context: whoever happens to start it must not lend its async-locals (a served call's
    /// <see cref="IpcCallContext.Current"/>, an <c>Activity.Current</c>) to everything the thread runs afterwards.
    /// </summary>
    public static Thread Start(SerialDispatcher? owner, string name, Action<object?> run, object? state)
    {
        var thread = new Thread(static entry => ((Entry)entry!).Run()) { IsBackground = true, Name = name };
        if (owner is not null)
        {
            List<Thread> threads = s_byOwner.GetOrCreateValue(owner);
            lock (threads)
            {
                threads.RemoveAll(static t => !t.IsAlive && t.ThreadState != ThreadState.Unstarted); // a long-lived endpoint's list stays short
                threads.Add(thread);
            }
        }

        thread.UnsafeStart(new Entry(run, state));
        return thread;
    }

    /// <summary>The threads started for <paramref name="owner"/> that may still run.</summary>
    public static IReadOnlyList<Thread> Of(SerialDispatcher owner)
    {
        if (!s_byOwner.TryGetValue(owner, out List<Thread>? threads))
        {
            return [];
        }

        lock (threads)
        {
            return [.. threads];
        }
    }

    private sealed class Entry(Action<object?> run, object? state)
    {
        public void Run() => run(state);
    }
}
