using Ipc.Transport;

namespace Ipc.Protocol;

/// <summary>
/// Encodes frames for one connection and writes them. Every frame is built whole in a pooled buffer,
/// serialised and size-checked before the first byte is written, so a failure sends nothing.
/// </summary>
internal sealed class Outbox(IpcConnection connection, IIpcSerializer serializer, int maxMessageSize)
{
    public IIpcSerializer Serializer => serializer;

    public bool IsConnected => connection.IsConnected;

    /// <summary>Sends a Send, SendSync, Invoke or MainSend frame.</summary>
    public void SendMessage(MessageKind kind, long id, string channel, object?[]? args)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(kind, id, channel);
            ArgumentSection.Write(frame, serializer, channel, args);
            Write(frame, channel);
        }
        finally
        {
            frame.Return();
        }
    }

    public void SendCancel(long id, string channel)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Cancel, id, channel);
            Write(frame, channel);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Builds a reply carrying <paramref name="value"/>; the caller sends it with <see cref="SendBuilt"/> or returns it.</summary>
    public FrameBuilder BuildValueReply<T>(long id, string channel, T value)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Reply, id, channel);
            frame.WriteByte((byte)ReplyStatus.Value);
            ArgumentSection.WriteSingle(frame, serializer, channel, value);
            CheckSize(frame, channel);
            return frame;
        }
        catch
        {
            frame.Return();
            throw;
        }
    }

    /// <summary>Writes a frame from <see cref="BuildValueReply{T}"/> and returns its buffer; a lost connection is ignored.</summary>
    public void SendBuilt(FrameBuilder frame)
    {
        try
        {
            WriteIgnoringDisconnect(frame.WrittenSpan);
        }
        finally
        {
            frame.Return();
        }
    }

    public void SendEmptyReply(long id, string channel)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Reply, id, channel);
            frame.WriteByte((byte)ReplyStatus.Value);
            frame.WriteInt32(0);
            WriteIgnoringDisconnect(frame.WrittenSpan);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Sends a NoReply, NoHandler or Cancelled reply with a reason.</summary>
    public void SendStatusReply(long id, string channel, ReplyStatus status, string reason)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Reply, id, channel);
            frame.WriteByte((byte)status);
            frame.WriteString(reason);
            WriteIgnoringDisconnect(frame.WrittenSpan);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>Sends the type and message of what a listener or handler threw.</summary>
    public void SendErrorReply(long id, string channel, Exception error)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(MessageKind.Reply, id, channel);
            frame.WriteByte((byte)ReplyStatus.RemoteError);
            frame.WriteString(error.GetType().FullName ?? error.GetType().Name);
            frame.WriteString(Truncate(error.Message, 64 * 1024));
            WriteIgnoringDisconnect(frame.WrittenSpan);
        }
        finally
        {
            frame.Return();
        }
    }

    private void Write(FrameBuilder frame, string channel)
    {
        CheckSize(frame, channel);
        connection.Write(frame.WrittenSpan);
    }

    private void CheckSize(FrameBuilder frame, string channel)
    {
        if (frame.Length > maxMessageSize)
        {
            throw new IpcMessageTooLargeException(channel, frame.Length, maxMessageSize);
        }
    }

    /// <summary>Replies to a renderer that has gone are dropped: nobody is left to read them.</summary>
    private void WriteIgnoringDisconnect(ReadOnlySpan<byte> frame)
    {
        try
        {
            connection.Write(frame);
        }
        catch (IpcDisconnectedException)
        {
        }
    }

    private static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : text.Substring(0, maxChars) + "…";
}
