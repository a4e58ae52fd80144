using System.Collections;
using System.Reflection;
using Ipc.Connection;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// Reads state of the connection core that nothing else can observe, for the few tests whose rule is about that
/// state itself (a leak, or a writer known to wait). Each probe names the field it reads, so a rename fails loudly.
/// </summary>
internal static class Probes
{
    /// <summary>How many invocations of the other end <paramref name="invocations"/> holds.</summary>
    public static int RunningCount(RunningInvocations invocations)
    {
        var running = (ICollection)Field(typeof(RunningInvocations), "_running").GetValue(invocations)!;
        lock (running)
        {
            return running.Count;
        }
    }

    /// <summary>How many frames wait in <paramref name="peer"/>'s outgoing queue.</summary>
    public static int QueuedFrames(Peer peer) => QueuedFrames((OutgoingQueue)Field(typeof(Peer), "_outgoing").GetValue(peer)!);

    /// <summary>
    /// How many frames wait in <paramref name="queue"/>. Read under the queue's lock, so a writer seen to have queued
    /// its frame is already waiting for it.
    /// </summary>
    public static int QueuedFrames(OutgoingQueue queue)
    {
        object gate = Field(typeof(OutgoingQueue), "_gate").GetValue(queue)!;
        var frames = (ICollection)Field(typeof(OutgoingQueue), "_queue").GetValue(queue)!;
        lock (gate)
        {
            return frames.Count;
        }
    }

    /// <summary>How many written frames <paramref name="queue"/> keeps for the next ones it queues; read under its lock.</summary>
    public static int SpareFrames(OutgoingQueue queue)
    {
        object gate = Field(typeof(OutgoingQueue), "_gate").GetValue(queue)!;
        var spare = (ICollection)Field(typeof(OutgoingQueue), "_spare").GetValue(queue)!;
        lock (gate)
        {
            return spare.Count;
        }
    }

    /// <summary>Whether a thread is writing to <paramref name="renderer"/>'s connection right now (a direct write or the writer thread's).</summary>
    public static bool IsWriting(IpcRenderer renderer)
    {
        var peer = (Peer)Field(typeof(IpcRenderer), "_peer").GetValue(renderer)!;
        var queue = (OutgoingQueue)Field(typeof(Peer), "_outgoing").GetValue(peer)!;
        lock (Field(typeof(OutgoingQueue), "_gate").GetValue(queue)!)
        {
            return (bool)Field(typeof(OutgoingQueue), "_writerBusy").GetValue(queue)!;
        }
    }

    /// <summary>How many reading threads wait for room in <paramref name="policy"/>'s budget, read under the budget's lock.</summary>
    public static int WaitingReaders(InboundPolicy policy)
    {
        MemoryBudget budget = policy.Budget!;
        object gate = Field(typeof(MemoryBudget), "_gate").GetValue(budget)!;
        lock (gate)
        {
            return budget.Waiting;
        }
    }

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type.Name} no longer has the field {name}; update this probe.");
}
