using System.Diagnostics;
using Ipc.Dispatch;
using Microsoft.Extensions.Logging;

namespace Ipc.Connection;

/// <summary>
/// The graceful part of an endpoint's <c>DisposeAsync</c>: before its connections close, everything the endpoint
/// already received runs (its dispatcher runs past a marker queued now), the invocations it runs finish, and what
/// it queued for the other ends is written, all within one deadline. What is left at the deadline is logged with
/// the reason and then abandoned by the close that follows.
/// </summary>
internal static class Drain
{
    /// <summary>How often the peers are looked at; a disposal waits at most this much longer than the work it waits for.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public static async Task RunAsync(SerialDispatcher dispatcher, IReadOnlyList<Peer> peers, TimeSpan timeout, ILogger? logger)
    {
        if (timeout == TimeSpan.Zero)
        {
            return;
        }

        var deadline = Deadline.After(timeout);
        var marker = new Marker();
        dispatcher.Enqueue(marker);
        await marker.Reached.Task.WaitAsync(deadline.Remaining).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!IsIdle(peers) && !deadline.HasPassed)
        {
            await Task.Delay(Poll).ConfigureAwait(false);
        }

        if (logger is not null)
        {
            ReportLeftovers(peers, marker.Reached.Task.IsCompleted, timeout, logger);
        }
    }

    private static bool IsIdle(IReadOnlyList<Peer> peers)
    {
        foreach (Peer peer in peers)
        {
            if (peer.IsConnected && (peer.Invocations.Count > 0 || peer.QueuedBytes > 0))
            {
                return false;
            }
        }

        return true;
    }

    private static void ReportLeftovers(IReadOnlyList<Peer> peers, bool dispatched, TimeSpan timeout, ILogger logger)
    {
        if (!dispatched)
        {
            Logging.IpcLog.DrainLeftMessages(logger, timeout.TotalSeconds);
        }

        foreach (Peer peer in peers.Where(p => p.IsConnected))
        {
            if (peer.Invocations.Count is > 0 and int running)
            {
                Logging.IpcLog.DrainAbandonedHandlers(logger, running, peer.Name, timeout.TotalSeconds);
            }

            if (peer.QueuedBytes is > 0 and long queued)
            {
                Logging.IpcLog.DrainDroppedBytes(logger, queued, peer.Name, timeout.TotalSeconds);
            }
        }
    }

    [DebuggerDisplay("Reached = {Reached.Task.IsCompleted}")]
    private sealed class Marker : IDispatchItem
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run() => Reached.TrySetResult();
    }
}
