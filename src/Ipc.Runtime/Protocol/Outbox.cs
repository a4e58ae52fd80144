using Ipc.Connection;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Protocol;

/// <summary>
/// Encodes frames for one connection and hands them to its <see cref="OutgoingQueue"/>. Every frame is built
/// whole in a pooled buffer, serialised and size-checked before the first byte is written, so a failure sends
/// nothing. Calls and messages carry the current trace context when <see cref="PeerTelemetry.CarriesTraceContext"/>.
/// </summary>
internal sealed class Outbox(OutgoingQueue queue, IIpcSerializer serializer, int maxMessageSize, PeerTelemetry telemetry, bool binaryArguments = false)
{
    public IIpcSerializer Serializer => serializer;

    /// <summary>True when the other end agreed to raw-byte arguments (<see cref="Transport.Handshake.Features.BinaryArguments"/>).</summary>
    public bool BinaryArguments => binaryArguments;

    public PeerTelemetry Telemetry => telemetry;

    /// <summary>The largest frame this end sends, without its length prefix.</summary>
    public int MaxMessageSize => maxMessageSize;

    /// <summary>Sends a fire-and-forget message (<see cref="MessageKind.Send"/> or <see cref="MessageKind.MainSend"/>).</summary>
    /// <exception cref="ArgumentException">A <see cref="CancellationToken"/> is among the arguments; nothing was sent.</exception>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message is too large; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The connection is closed.</exception>
    public void SendMessage(MessageKind kind, string channel, object?[]? args)
    {
        MessageTelemetry span = MessageTelemetry.Send(telemetry, channel);
        try
        {
            SendCall(kind, 0, channel, args, Deadline.Never);
        }
        catch (Exception e)
        {
            span.End(e);
            throw;
        }

        span.End(null);
    }

    /// <summary>
    /// Sends one renderer's copy of a broadcast, inside the broadcast's own span (no span of its own): the frame
    /// <paramref name="frames"/> built for connections that agreed to what this one did, serialised once for them all.
    /// </summary>
    public void SendBroadcastCopy(BroadcastFrames frames) => Write(frames.For(this), MessageKind.MainSend, Deadline.Never);

    /// <summary>Sends a message that opens a call; false when <paramref name="deadline"/> passed before it could be written (nothing was sent).</summary>
    public bool SendCall(MessageKind kind, long id, string channel, object?[]? args, Deadline deadline)
    {
        FrameBuilder frame = BuildCall(kind, id, channel, args);
        try
        {
            return Write(frame, kind, deadline);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Builds, serialises and size-checks a frame that opens a call or carries a message; the caller returns it.</summary>
    public FrameBuilder BuildCall(MessageKind kind, long id, string channel, object?[]? args)
    {
        MessageArguments.RejectCancellationTokens(kind, channel, args);
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(kind, id, channel, TraceContext.ToSend(telemetry.CarriesTraceContext));
            ArgumentSection.Write(frame, serializer, channel, args, binaryArguments);
            CheckSize(frame, channel);
            return frame;
        }
        catch
        {
            frame.Return();
            throw;
        }
    }

    /// <summary>
    /// Starts a frame whose arguments generated code writes one by one as their declared types
    /// (<see cref="CompilerServices.IpcMessageWriter"/>): the header, with the current trace context when this
    /// connection carries it, and a slot for the argument count, filled by <see cref="EndArguments"/>. A call's id is
    /// a placeholder until <see cref="CallTable"/> takes one (<see cref="FrameBuilder.WriteIdAfterHeaderKind"/>).
    /// </summary>
    public FrameBuilder BeginArguments(MessageKind kind, string channel, out int countSlot)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        frame.WriteHeader(kind, 0, channel, TraceContext.ToSend(telemetry.CarriesTraceContext));
        countSlot = frame.BeginLength();
        return frame;
    }

    /// <summary>Writes argument <paramref name="index"/> as <typeparamref name="T"/>: raw bytes where this connection agreed to them, else the serializer's payload.</summary>
    /// <exception cref="IpcSerializationException">The value cannot be serialised.</exception>
    public void WriteArgument<T>(FrameBuilder frame, string channel, int index, T value) =>
        ArgumentSection.WriteTyped(frame, serializer, channel, index, value, binaryArguments);

    /// <summary>Fills in the argument count and checks the frame's size; nothing has been written to the connection yet.</summary>
    /// <exception cref="IpcMessageTooLargeException">The message is too large.</exception>
    public void EndArguments(FrameBuilder frame, int countSlot, int count, string channel)
    {
        frame.WriteInt32At(countSlot, count);
        CheckSize(frame, channel);
    }

    /// <summary>
    /// Builds a frame around an argument section serialised elsewhere, once for many connections (a typed broadcast,
    /// or an invocation of every renderer): the header for this connection, then a copy of <paramref name="section"/>.
    /// </summary>
    public FrameBuilder BuildAround(MessageKind kind, long id, string channel, ReadOnlySpan<byte> section)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(kind, id, channel, TraceContext.ToSend(telemetry.CarriesTraceContext));
            frame.Write(section);
            CheckSize(frame, channel);
            return frame;
        }
        catch
        {
            frame.Return();
            throw;
        }
    }

    /// <summary>Writes a finished message frame (<see cref="BeginArguments"/>); false when the deadline passed first.</summary>
    /// <exception cref="IpcDisconnectedException">The connection is closed.</exception>
    public bool SendBuilt(FrameBuilder frame, MessageKind kind, Deadline deadline) => Write(frame, kind, deadline);

    /// <summary>Asks the other end to cancel the call <paramref name="id"/>; a closed connection is ignored (nothing is left to cancel).</summary>
    public void SendCancel(long id, string channel)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Cancel, id, channel);
            Send(frame, MessageKind.Cancel);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Starts a frame that answers call <paramref name="id"/>; <see cref="ReplySlot"/> fills in the rest.</summary>
    public static FrameBuilder BeginReply(long id, string channel, ReplyStatus status)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        frame.WriteHeader(MessageKind.Reply, id, channel);
        frame.WriteByte((byte)status);
        return frame;
    }

    /// <summary>Throws <see cref="IpcMessageTooLargeException"/> when <paramref name="frame"/> is above the maximum size.</summary>
    public void CheckSize(FrameBuilder frame, string channel)
    {
        if (frame.Length > maxMessageSize)
        {
            throw new IpcMessageTooLargeException(channel, frame.Length, maxMessageSize);
        }
    }

    /// <summary>Writes a finished frame; a closed connection is ignored, since nobody is left to read it.</summary>
    public void Send(FrameBuilder frame, MessageKind kind)
    {
        try
        {
            Write(frame, kind, Deadline.Never);
        }
        catch (IpcDisconnectedException)
        {
        }
    }

    private bool Write(FrameBuilder frame, MessageKind kind, Deadline deadline)
    {
        ReadOnlySpan<byte> framed = frame.Framed;
        bool written = queue.Write(framed, deadline);
        if (written)
        {
            IpcMetrics.Sent(telemetry, kind, framed.Length);
        }

        return written;
    }
}
