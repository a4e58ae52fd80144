using Ipc.Connection;
using Ipc.Transport;

namespace Ipc.Main;

/// <summary>
/// What main may hold for each renderer process, shared by all of that process's connections: the bytes it
/// received (a <see cref="MemoryBudget"/>, counted into one total across renderers) and the bytes it queued to send
/// (<see cref="QueuedBytes"/>). A connection whose process the OS could not name (id 0) gets a share of its own.
/// </summary>
internal sealed class RendererBudgets(long perProcess, long total)
{
    private readonly MemoryBudget _total = new(Math.Max(total, perProcess));
    private readonly Dictionary<int, Share> _byProcess = new();

    /// <summary>The share of <paramref name="processId"/>'s connections, counting one more connection.</summary>
    public Share Acquire(int processId)
    {
        lock (_byProcess)
        {
            if (processId == 0 || !_byProcess.TryGetValue(processId, out Share? share))
            {
                share = new Share(_total.ForProcess(perProcess));
                if (processId != 0)
                {
                    ForgetIdleLocked(); // processes that left while their last messages were being dispatched
                    _byProcess.Add(processId, share);
                }
            }

            share.Connections++;
            return share;
        }
    }

    /// <summary>A connection of <paramref name="processId"/> closed; its process's share goes with its last one, once nothing is held.</summary>
    public void Release(int processId, Share share)
    {
        lock (_byProcess)
        {
            share.Connections--;
            if (processId != 0 && share.IsIdle)
            {
                _byProcess.Remove(processId);
            }
        }
    }

    /// <summary>
    /// Removes shares with no connection and nothing held. A share whose process left with messages still waiting
    /// stays until then, so a renderer cannot get a fresh budget by reconnecting.
    /// </summary>
    private void ForgetIdleLocked()
    {
        foreach ((int processId, Share share) in _byProcess)
        {
            if (share.IsIdle)
            {
                _byProcess.Remove(processId);
            }
        }
    }

    /// <summary>One renderer process's budgets.</summary>
    internal sealed class Share(MemoryBudget inbound)
    {
        public MemoryBudget Inbound { get; } = inbound;

        /// <summary>
        /// Bytes main has queued to this process's connections and not yet written, limited together by
        /// <see cref="IpcMainOptions.MaxQueuedBytesPerRenderer"/> (see <see cref="OutgoingQueue"/>).
        /// </summary>
        public QueuedBytes Outgoing { get; } = new();

        /// <summary>Open connections of the process; under the owner's lock.</summary>
        public int Connections { get; set; }

        public bool IsIdle => Connections == 0 && Inbound.Used == 0 && Outgoing.Value == 0;
    }
}
