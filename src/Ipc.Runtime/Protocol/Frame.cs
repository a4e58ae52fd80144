using System.Buffers.Binary;
using System.Text;

namespace Ipc.Protocol;

/// <summary>
/// One decoded frame: <c>kind:u8 · id:i64 · channel:(i32 length + UTF-8) · [trace context] · body</c>,
/// little-endian. The body is an argument section, or a reply (status byte + payload). The trace context is there
/// only when the kind byte has <see cref="Protocol.TraceContext.Flag"/> set (see <see cref="Protocol.TraceContext"/>).
/// </summary>
internal readonly struct Frame
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Frame(MessageKind kind, long id, string channel, ReadOnlyMemory<byte> body, string? traceParent = null, string? traceState = null)
    {
        Kind = kind;
        Id = id;
        Channel = channel;
        Body = body;
        TraceParent = traceParent;
        TraceState = traceState;
    }

    public MessageKind Kind { get; }

    public long Id { get; }

    public string Channel { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The sender's W3C <c>traceparent</c>, when the frame carried a trace context.</summary>
    public string? TraceParent { get; }

    /// <summary>The sender's W3C <c>tracestate</c> (empty when it had none), when the frame carried a trace context.</summary>
    public string? TraceState { get; }

    /// <summary>
    /// The received frame this one was decoded from, when its array is pooled and goes to whoever reads the frame last:
    /// set for a reply, whose caller gives it back once it has read its value (<see cref="ReplyReader"/>).
    /// </summary>
    public Transport.ReceivedFrame Source { get; init; }

    /// <summary>The kind a frame's first byte names, without the trace-context flag.</summary>
    public static MessageKind KindOf(byte first) => (MessageKind)(first & ~TraceContext.Flag);

    /// <summary>Decodes a frame, or throws <see cref="InvalidDataException"/> saying what is wrong with it.</summary>
    /// <param name="frame">The frame, without its length prefix.</param>
    /// <param name="traceContextAgreed">True when the ends agreed to carry trace context; otherwise a frame that has one is malformed.</param>
    public static Frame Decode(ReadOnlyMemory<byte> frame, bool traceContextAgreed = false)
    {
        ReadOnlySpan<byte> span = frame.Span;
        if (span.Length < 1 + 8 + 4)
        {
            throw new InvalidDataException($"A frame of {span.Length} bytes is too short for a header.");
        }

        bool traced = (span[0] & TraceContext.Flag) != 0;
        var kind = KindOf(span[0]);
        if (kind is < MessageKind.Send or > MessageKind.NestedInvoke || (traced && !traceContextAgreed))
        {
            throw new InvalidDataException($"Unknown message kind {span[0]}.");
        }

        if (traced && kind is MessageKind.Reply or MessageKind.Cancel)
        {
            throw new InvalidDataException($"A {kind} frame cannot carry a trace context.");
        }

        long id = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(1));
        int offset = 9;
        string channel = ReadChannel(span, ref offset);
        if (!traced)
        {
            return new Frame(kind, id, channel, frame.Slice(offset));
        }

        (string parent, string state) = TraceContext.Read(span, ref offset);
        return new Frame(kind, id, channel, frame.Slice(offset), parent, state);
    }

    /// <summary>
    /// Reads a channel name, refusing one longer than <see cref="ChannelName.MaxLength"/> before decoding it, so a
    /// huge name costs nothing and is never echoed back in a reply. A name this thread decoded recently is found by its
    /// bytes (<see cref="RecentChannelNames"/>) and not decoded again.
    /// </summary>
    private static string ReadChannel(ReadOnlySpan<byte> span, ref int offset)
    {
        if (span.Length - offset >= 4 && BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset)) > ChannelName.MaxEncodedLength)
        {
            throw new InvalidDataException($"The channel name is longer than the maximum of {ChannelName.MaxLength} characters.");
        }

        if (span.Length - offset >= 4)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset));
            if (length >= 0 && length <= span.Length - offset - 4 && RecentChannelNames.Find(span.Slice(offset + 4, length)) is { } known)
            {
                offset += 4 + length;
                return known; // the same bytes as a name decoded and checked before: the same string
            }
        }

        int start = offset;
        string channel = ReadString(span, ref offset);
        if (channel.Length > ChannelName.MaxLength)
        {
            throw new InvalidDataException($"The channel name is longer than the maximum of {ChannelName.MaxLength} characters.");
        }

        RecentChannelNames.Add(span[(start + 4)..offset], channel);
        return channel;
    }

    /// <summary>Reads an i32-length-prefixed UTF-8 string, rejecting bad lengths and invalid UTF-8.</summary>
    public static string ReadString(ReadOnlySpan<byte> span, ref int offset)
    {
        if (span.Length - offset < 4)
        {
            throw new InvalidDataException("A string length is cut off.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset));
        offset += 4;
        if (length < 0 || length > span.Length - offset)
        {
            throw new InvalidDataException($"A string announces {length} bytes but {span.Length - offset} remain.");
        }

        string value;
        try
        {
            value = StrictUtf8.GetString(span.Slice(offset, length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("A string is not valid UTF-8.", e);
        }

        offset += length;
        return value;
    }
}
