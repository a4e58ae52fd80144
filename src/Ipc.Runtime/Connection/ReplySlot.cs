using System.Diagnostics;
using System.Text;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc.Connection;

/// <summary>
/// The answer to one call that this end received (a SendSync or an invocation), and the one place a reply
/// frame is built. The first reply wins; every later one is ignored, so a call is answered exactly once.
/// The call's server-side telemetry, when something listens, ends with the reply and says how it ended.
/// </summary>
[DebuggerDisplay("Reply to {_id} on {_channel}: {_state}")]
internal sealed class ReplySlot(Outbox outbox, long id, string channel, CallTelemetry? telemetry = null)
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
            ArgumentSection.WriteSingle(frame, outbox.Serializer, _channel, value, outbox.BinaryArguments);
            outbox.CheckSize(frame, _channel);
            if (!TryTake(Sent))
            {
                return false;
            }

            outbox.Send(frame, MessageKind.Reply);
            telemetry?.Succeeded();
            return true;
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Answers with the type and message of what a listener or handler threw.</summary>
    public bool TrySendError(Exception error) =>
        TrySend(ReplyStatus.RemoteError, error.GetType().FullName ?? error.GetType().Name, error.Message);

    /// <summary>Answers with a status (no reply, no handler, cancelled, refused) and its reason.</summary>
    public bool TrySendStatus(ReplyStatus status, string reason)
    {
        Debug.Assert(status is not ReplyStatus.Value and not ReplyStatus.RemoteError, "Values and errors have their own methods.");
        return TrySend(status, reason, null);
    }

    /// <summary>Stops later replies (a sync message whose listeners have all returned); false if it was closed or answered already.</summary>
    public bool TryClose()
    {
        if (!TryTake(Closed))
        {
            return false;
        }

        telemetry?.Failed(ErrorTypes.NoReply, "The call was closed without a reply.");
        return true;
    }

    /// <summary>
    /// Sends a status or error reply, never larger than <see cref="Outbox.MaxMessageSize"/>: texts that would pass
    /// it are cut short, and the channel is not echoed when even that would not fit (the caller knows its channel).
    /// </summary>
    private bool TrySend(ReplyStatus status, string first, string? second)
    {
        if (!TryTake(Sent))
        {
            return false;
        }

        first = Shorten(first, MaxTextChars);
        second = second is null ? null : Shorten(second, MaxTextChars);
        int fixedSize = EmptyHeaderSize + StringOverhead * (second is null ? 1 : 2);
        string channel = fixedSize + Encoding.UTF8.GetByteCount(_channel) + MinimumTextBytes <= outbox.MaxMessageSize ? _channel : "";
        int room = outbox.MaxMessageSize - fixedSize - Encoding.UTF8.GetByteCount(channel);
        first = Fit(first, second is null ? room : room / 2);
        second = second is null ? null : Fit(second, room - Encoding.UTF8.GetByteCount(first));

        FrameBuilder frame = Outbox.BeginReply(_id, channel, status);
        try
        {
            frame.WriteString(first);
            if (second is not null)
            {
                frame.WriteString(second);
            }

            Debug.Assert(frame.Length <= outbox.MaxMessageSize, "A status or error reply must fit the maximum message size.");
            outbox.Send(frame, MessageKind.Reply);
            telemetry?.Failed(status == ReplyStatus.RemoteError ? first : ErrorTypes.Of(status), second ?? first);
            return true;
        }
        finally
        {
            frame.Return();
        }
    }

    private bool TryTake(int state) => Interlocked.CompareExchange(ref _state, state, Open) == Open;

    /// <summary>A reply's header with an empty channel: kind, id, the channel's length, status.</summary>
    private const int EmptyHeaderSize = 1 + 8 + StringOverhead + 1;

    /// <summary><paramref name="text"/>, cut to at most <paramref name="maxBytes"/> UTF-8 bytes (ending in "…" when cut).</summary>
    internal static string Fit(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        int budget = maxBytes - EllipsisBytes;
        if (budget < 0)
        {
            return "";
        }

        int used = 0;
        int kept = 0;
        while (kept < text.Length)
        {
            (int bytes, int chars) = Utf8WidthAt(text, kept);
            if (used + bytes > budget)
            {
                break;
            }

            used += bytes;
            kept += chars;
        }

        return string.Concat(text.AsSpan(0, kept), Ellipsis);
    }

    /// <summary>How many UTF-8 bytes the character at <paramref name="index"/> takes, and how many UTF-16 chars it spans.</summary>
    private static (int Bytes, int Chars) Utf8WidthAt(string text, int index)
    {
        char c = text[index];
        return c switch
        {
            < (char)0x80 => (1, 1),
            < (char)0x800 => (2, 1),
            _ when char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) => (4, 2),
            _ => (3, 1), // a lone surrogate is encoded as U+FFFD, three bytes
        };
    }

    private const int StringOverhead = 4;

    /// <summary>The longest text a reply carries, whatever the maximum message size: 64 Ki characters.</summary>
    private const int MaxTextChars = 64 * 1024;

    /// <summary>Room the texts must keep before the channel is left out of the header to make space for them.</summary>
    private const int MinimumTextBytes = 256;

    private const string Ellipsis = "…";

    private static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), Ellipsis);

    private static readonly int EllipsisBytes = Encoding.UTF8.GetByteCount(Ellipsis);
}
