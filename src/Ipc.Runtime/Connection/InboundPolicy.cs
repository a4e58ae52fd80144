using System.Diagnostics;
using Ipc.Dispatch;
using Ipc.Protocol;
using Ipc.Transport;

namespace Ipc.Connection;

/// <summary>
/// What one end does with the frames it receives: which kinds its role accepts, whether a call may run on the
/// reading thread, and what its bytes count against while main holds them (back-pressure).
/// </summary>
/// <remarks>
/// Main accepts messages, sync messages, invocations, cancels and replies; it runs a renderer's SendSync or
/// invocation on the reading thread when its loop is idle, and counts every frame against the renderer process's
/// <see cref="MemoryBudget"/> from before it is allocated until it is dispatched (or dropped), so a reading thread
/// stops reading while the budget is spent. A renderer accepts main's messages, invocations, cancels and replies;
/// it always queues, and never stops reading, since the replies its blocked callers wait for arrive on the same
/// connection.
/// </remarks>
[DebuggerDisplay("Budget = {_budget}")]
internal sealed class InboundPolicy
{
    private readonly uint _acceptedKinds;
    private readonly bool _runsCallsInline;
    private readonly MemoryBudget? _budget;
    private volatile bool _closed;
    private Func<bool>? _isClosed;

    private InboundPolicy(bool runsCallsInline, MemoryBudget? budget, params MessageKind[] accepted)
    {
        foreach (MessageKind kind in accepted)
        {
            _acceptedKinds |= 1u << (int)kind;
        }

        _runsCallsInline = runsCallsInline;
        _budget = budget;
    }

    /// <param name="budget">The renderer process's budget (shared with its other connections); null for a renderer in main's own process.</param>
    public static InboundPolicy ForMain(MemoryBudget? budget) =>
        new(runsCallsInline: true, budget, MessageKind.Send, MessageKind.SendSync, MessageKind.Invoke, MessageKind.Cancel, MessageKind.Reply);

    public static InboundPolicy ForRenderer() =>
        new(runsCallsInline: false, null, MessageKind.MainSend, MessageKind.Invoke, MessageKind.NestedInvoke, MessageKind.Cancel, MessageKind.Reply);

    /// <summary>What main's frames from this connection count against; null at a renderer.</summary>
    public MemoryBudget? Budget => _budget;

    public bool Accepts(MessageKind kind) => (_acceptedKinds & (1u << (int)kind)) != 0;

    /// <summary>
    /// Counts a frame of <paramref name="size"/> bytes before it is received. On a connection with a reading
    /// thread this waits while the budget is spent: the peer's sends then wait on the OS buffers instead of memory
    /// growing here. Replies and cancels never wait (they free or end work rather than add it, and a call waiting
    /// on one must not wait behind another renderer's flood). False, with nothing counted, when the connection
    /// closed while it waited. Every frame counted is given back once, by <see cref="Dispatched"/> or <see cref="Dropped"/>.
    /// </summary>
    /// <param name="size">The frame's length.</param>
    /// <param name="start">What of the frame has arrived already (its kind byte first), perhaps nothing.</param>
    /// <param name="connection">The frame's connection.</param>
    public bool Receiving(int size, ReadOnlySpan<byte> start, IpcConnection connection)
    {
        if (_budget is null)
        {
            return true;
        }

        bool mayWait = connection.HasReadingThread && !(start.Length > 0 && (MessageKind)start[0] is MessageKind.Reply or MessageKind.Cancel);
        return _budget.Take(size, mayWait, _isClosed ??= () => _closed); // made once: this runs for every frame
    }

    /// <summary>
    /// Hands a decoded message to the dispatcher, on the connection's reading side. On a connection with a reading
    /// thread, main runs a call there when its loop is idle (the caller waits for the answer anyway, and this
    /// saves the handoff to the loop's thread); fire-and-forget messages are queued, so main goes on reading the
    /// renderer while their listeners run. In-process, this is the sender's thread: never main's listeners.
    /// </summary>
    public void Admit(Peer peer, InboundMessage message)
    {
        SerialDispatcher dispatcher = peer.Endpoint.Dispatcher;
        if (_runsCallsInline && peer.Connection.HasReadingThread && message.IsCall)
        {
            dispatcher.RunOrEnqueue(message, peer.Connection);
        }
        else
        {
            dispatcher.Enqueue(message);
        }
    }

    /// <summary>Called by the dispatcher once an admitted message of <paramref name="size"/> bytes has been handled.</summary>
    public void Dispatched(int size) => _budget?.Release(size);

    /// <summary>A counted frame was not admitted (a reply, a cancel, a malformed or refused frame): its bytes are free.</summary>
    public void Dropped(int size) => _budget?.Release(size);

    /// <summary>The connection ended: a reading thread waiting for room stops waiting.</summary>
    public void OnClosed()
    {
        _closed = true;
        _budget?.WakeAll();
    }
}
