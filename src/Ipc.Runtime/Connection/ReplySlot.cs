using System.Diagnostics;
using Ipc.Protocol;

namespace Ipc.Connection;

/// <summary>
/// The answer to one call that this end received (a SendSync or an invocation), and the one place a reply
/// frame is built. The first reply wins; every later one is ignored, so a call is answered exactly once.
/// </summary>
[DebuggerDisplay("Reply to {_id} on {_channel}: {_state}")]
internal sealed class ReplySlot(Outbox outbox, long id, string channel)
{
    private const int Open = 0;
    private const int Sent = 1;
    private const int Closed = 2;

    private readonly long _id = id;
    private readonly string _channel = channel;
    private int _state;

    /// <summary>True while no reply has been sent and the slot is not closed.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>
    /// Sends <paramref name="value"/> as the reply, if none was sent yet. A value that cannot travel throws
    /// (<see cref="IpcSerializationException"/>, <see cref="IpcMessageTooLargeException"/>) and leaves the slot open.
    /// </summary>
    public bool TrySendValue<T>(T value)
    {
        if (!IsOpen)
        {
            return false;
        }

        FrameBuilder frame = Outbox.BeginReply(_id, _channel, ReplyStatus.Value);
        try
        {
            ArgumentSection.WriteSingle(frame, outbox.Serializer, _channel, value);
            outbox.CheckSize(frame, _channel);
            if (!TryTake(Sent))
            {
                return false;
            }

            outbox.Send(frame);
            return true;
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Answers with the type and message of what a listener or handler threw.</summary>
    public bool TrySendError(Exception error) =>
        TrySend(ReplyStatus.RemoteError, error.GetType().FullName ?? error.GetType().Name, Shorten(error.Message, 64 * 1024));

    /// <summary>Answers with a status (no reply, no handler, cancelled, refused) and its reason.</summary>
    public bool TrySendStatus(ReplyStatus status, string reason)
    {
        Debug.Assert(status is not ReplyStatus.Value and not ReplyStatus.RemoteError, "Values and errors have their own methods.");
        return TrySend(status, Shorten(reason, 64 * 1024), null);
    }

    /// <summary>Stops later replies (a sync message whose listeners have all returned); false if it was closed or answered already.</summary>
    public bool TryClose() => TryTake(Closed);

    private bool TrySend(ReplyStatus status, string first, string? second)
    {
        if (!TryTake(Sent))
        {
            return false;
        }

        FrameBuilder frame = Outbox.BeginReply(_id, _channel, status);
        try
        {
            frame.WriteString(first);
            if (second is not null)
            {
                frame.WriteString(second);
            }

            outbox.Send(frame);
            return true;
        }
        finally
        {
            frame.Return();
        }
    }

    private bool TryTake(int state) => Interlocked.CompareExchange(ref _state, state, Open) == Open;

    private static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");
}
