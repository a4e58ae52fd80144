using System.Diagnostics;
using Ipc.Dispatch;
using Ipc.Protocol;

namespace Ipc.Connection;

/// <summary>
/// What one end does with the frames it receives: which kinds its role accepts, whether a call may run on the
/// reading thread, and how many undispatched bytes it holds before it stops reading (back-pressure).
/// </summary>
/// <remarks>
/// Main accepts messages, sync messages, invocations, cancels and replies; it runs a renderer's SendSync or
/// invocation on the reading thread when its loop is idle, and stops reading a renderer whose queued messages
/// pass <see cref="IpcMainOptions.MaxUndispatchedBytesPerRenderer"/>. A renderer accepts main's messages,
/// invocations, cancels and replies; it always queues, and never stops reading, since the replies its blocked
/// callers wait for arrive on the same connection.
/// Invariant, under <see cref="_gate"/>: <see cref="_undispatched"/> is the size of the admitted messages whose
/// dispatch has not finished (a message that ran before it was counted makes it dip below zero for a moment).
/// </remarks>
[DebuggerDisplay("Undispatched = {_undispatched} of {_maxUndispatched}")]
internal sealed class InboundPolicy
{
    private readonly uint _acceptedKinds;
    private readonly bool _runsCallsInline;
    private readonly long _maxUndispatched;
    private readonly object _gate = new();
    private long _undispatched;
    private bool _closed;

    private InboundPolicy(bool runsCallsInline, long maxUndispatched, params MessageKind[] accepted)
    {
        foreach (MessageKind kind in accepted)
        {
            _acceptedKinds |= 1u << (int)kind;
        }

        _runsCallsInline = runsCallsInline;
        _maxUndispatched = maxUndispatched;
    }

    public static InboundPolicy ForMain(long maxUndispatchedBytes) =>
        new(runsCallsInline: true, maxUndispatchedBytes, MessageKind.Send, MessageKind.SendSync, MessageKind.Invoke, MessageKind.Cancel, MessageKind.Reply);

    public static InboundPolicy ForRenderer() =>
        new(runsCallsInline: false, long.MaxValue, MessageKind.MainSend, MessageKind.Invoke, MessageKind.NestedInvoke, MessageKind.Cancel, MessageKind.Reply);

    public bool Accepts(MessageKind kind) => (_acceptedKinds & (1u << (int)kind)) != 0;

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

        // Counted after the handoff: a message that already ran subtracted its size, so the sum stays right.
        if (_maxUndispatched != long.MaxValue)
        {
            WaitForDispatcher(message.Size, peer);
        }
    }

    /// <summary>Called by the dispatcher once a message of <paramref name="size"/> bytes has been handled.</summary>
    public void Dispatched(int size)
    {
        if (_maxUndispatched == long.MaxValue)
        {
            return;
        }

        lock (_gate)
        {
            _undispatched -= size;
            if (_undispatched <= _maxUndispatched)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The connection ended: a reading thread waiting for the dispatcher stops waiting.</summary>
    public void OnClosed()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Counts an admitted message and, on a connection with a reading thread of its own, stops reading while the
    /// queued messages exceed the limit: the peer's sends then wait on the OS buffers instead of memory growing here.
    /// </summary>
    private void WaitForDispatcher(int size, Peer peer)
    {
        lock (_gate)
        {
            _undispatched += size;
            while (_undispatched > _maxUndispatched && !_closed && peer.Connection.HasReadingThread)
            {
                Monitor.Wait(_gate);
            }
        }
    }
}
