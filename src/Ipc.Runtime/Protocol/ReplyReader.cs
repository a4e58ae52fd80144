namespace Ipc.Protocol;

/// <summary>
/// Turns a Reply frame into the caller's value or the matching exception. It is the frame's last reader: a pooled
/// frame goes back to the pool once the value is read, unless the value is a view of it (a <c>ReadOnlyMemory&lt;byte&gt;</c>
/// or <c>Memory&lt;byte&gt;</c> result), which the caller keeps for as long as it likes.
/// </summary>
internal static class ReplyReader
{
    /// <param name="reply">The Reply frame.</param>
    /// <param name="channel">The call's channel.</param>
    /// <param name="serializer">Reads the value.</param>
    /// <param name="kind">What the call was: a <see cref="MessageKind.SendSync"/> is answered by listeners, an invocation by a handler, and an error says which threw.</param>
    public static T? Read<T>(Frame reply, string channel, IIpcSerializer serializer, MessageKind kind)
    {
        try
        {
            return ReadValue<T>(reply, channel, serializer, kind);
        }
        finally
        {
            if (!IsView<T>())
            {
                reply.Source.Return();
            }
        }
    }

    /// <summary>True when a <typeparamref name="T"/> result would view the reply's bytes instead of copying them; a constant once compiled.</summary>
    private static bool IsView<T>() =>
        typeof(T) == typeof(ReadOnlyMemory<byte>) || typeof(T) == typeof(ReadOnlyMemory<byte>?)
        || typeof(T) == typeof(Memory<byte>) || typeof(T) == typeof(Memory<byte>?);

    private static T? ReadValue<T>(Frame reply, string channel, IIpcSerializer serializer, MessageKind kind)
    {
        ReadOnlyMemory<byte> body = reply.Body;
        try
        {
            if (body.Length < 1)
            {
                throw new InvalidDataException("The reply has no status.");
            }

            ReadOnlySpan<byte> span = body.Span;
            int offset = 1;
            switch ((ReplyStatus)span[0])
            {
                case ReplyStatus.Value:
                    IpcArgs value = IpcArgs.FromSection(channel, body.Slice(1), serializer);
                    return value.Count == 0 ? default : value.Get<T>(0);
                case ReplyStatus.NoReply:
                    throw new IpcNoReplyException(channel, Frame.ReadString(span, ref offset));
                case ReplyStatus.NoHandler:
                    throw new IpcNoHandlerException(channel, Frame.ReadString(span, ref offset));
                case ReplyStatus.RemoteError:
                    string type = Frame.ReadString(span, ref offset);
                    string message = Frame.ReadString(span, ref offset);
                    throw kind == MessageKind.SendSync
                        ? IpcRemoteException.FromListener(channel, type, message)
                        : new IpcRemoteException(channel, type, message);
                case ReplyStatus.Refused:
                    throw new IpcException(Frame.ReadString(span, ref offset), channel, innerException: null);
                case ReplyStatus.Cancelled:
                    throw new OperationCanceledException($"The handler for '{channel}' was cancelled.");
                default:
                    throw new InvalidDataException($"Unknown reply status {span[0]}.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new IpcException($"The reply on '{channel}' is malformed: {e.Message}", channel, e);
        }
    }
}
