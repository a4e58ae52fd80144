using Ipc.Protocol;

namespace Ipc.Runtime.Tests.Core;

/// <summary>Builds raw frames, as the other end would send them, and reads the ones this end wrote.</summary>
internal static class Frames
{
    public static byte[] Message(MessageKind kind, long id, string channel, params object?[] args) =>
        Build(frame =>
        {
            frame.WriteHeader(kind, id, channel);
            ArgumentSection.Write(frame, JsonIpcSerializer.Default, channel, args);
        });

    public static byte[] Header(MessageKind kind, long id, string channel) =>
        Build(frame => frame.WriteHeader(kind, id, channel));

    public static byte[] ValueReply<T>(long id, string channel, T value) =>
        Build(frame =>
        {
            frame.WriteHeader(MessageKind.Reply, id, channel);
            frame.WriteByte((byte)ReplyStatus.Value);
            ArgumentSection.WriteSingle(frame, JsonIpcSerializer.Default, channel, value);
        });

    public static byte[] Build(Action<FrameBuilder> write)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            write(frame);
            return frame.Frame.ToArray();
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary><paramref name="frame"/> behind its length prefix, as an <see cref="Transport.OutgoingQueue"/> is given it.</summary>
    public static byte[] Framed(byte[] frame)
    {
        var framed = new byte[Framing.PrefixSize + frame.Length];
        Framing.WritePrefix(framed, frame.Length);
        frame.CopyTo(framed, Framing.PrefixSize);
        return framed;
    }

    /// <summary>A prefixed frame of exactly <paramref name="size"/> bytes, prefix included.</summary>
    public static byte[] FramedOfSize(int size) =>
        Framed(Build(frame =>
        {
            frame.WriteHeader(MessageKind.MainSend, 0, "");
            int body = size - Framing.PrefixSize - frame.Length;
            frame.GetSpan(body)[..body].Fill((byte)'x');
            frame.Advance(body);
        }));

    /// <summary>The status byte of a reply frame.</summary>
    public static ReplyStatus StatusOf(Frame reply) => (ReplyStatus)reply.Body.Span[0];

    /// <summary>What the caller of <paramref name="reply"/> gets: its value, or the exception it throws (an invocation's, unless <paramref name="kind"/> says otherwise).</summary>
    public static T? Read<T>(Frame reply, MessageKind kind = MessageKind.Invoke) => ReplyReader.Read<T>(reply, reply.Channel, JsonIpcSerializer.Default, kind);
}
