using System.Diagnostics;

namespace Ipc.Protocol;

/// <summary>
/// The W3C trace context a frame may carry, on connections whose ends agreed to it in the handshake: the kind
/// byte has <see cref="Flag"/> set, and two strings follow the channel, <c>traceparent</c> then <c>tracestate</c>
/// (empty when there is none), in their W3C text forms. Only calls and messages carry it; replies and cancels never do.
/// </summary>
internal static class TraceContext
{
    /// <summary>Set on the kind byte of a frame that carries a trace context.</summary>
    public const byte Flag = 0x80;

    /// <summary>The longest <c>traceparent</c> accepted: version 00 takes 55 bytes; later versions may append fields.</summary>
    public const int MaxTraceParentBytes = 256;

    /// <summary>The longest <c>tracestate</c> sent or accepted: the 512 characters W3C asks every vendor to propagate.</summary>
    public const int MaxTraceStateBytes = 512;

    /// <summary>The activity whose context goes with a frame sent now, or null when none is to go.</summary>
    public static Activity? ToSend(bool agreed) =>
        agreed && Telemetry.IpcActivities.IsListening && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;

    /// <summary>Writes <paramref name="activity"/>'s context after a header whose kind byte has <see cref="Flag"/> set.</summary>
    public static void Write(FrameBuilder frame, Activity activity)
    {
        frame.WriteString(activity.Id!);
        string? state = activity.TraceStateString;
        frame.WriteString(state is null || state.Length > MaxTraceStateBytes ? "" : state); // a longer state is dropped, not cut
    }

    /// <summary>Reads the two strings, refusing lengths past the limits before decoding them.</summary>
    public static (string Parent, string State) Read(ReadOnlySpan<byte> span, ref int offset)
    {
        string parent = ReadLimited(span, ref offset, MaxTraceParentBytes, "traceparent");
        string state = ReadLimited(span, ref offset, MaxTraceStateBytes, "tracestate");
        return (parent, state);
    }

    /// <summary>
    /// The parent a received frame names, or default when it names none or one that does not parse: a bad trace
    /// context costs the message its parent, never its delivery.
    /// </summary>
    public static ActivityContext Parse(string? parent, string? state) =>
        parent is not null && ActivityContext.TryParse(parent, state is { Length: > 0 } ? state : null, isRemote: true, out ActivityContext context)
            ? context
            : default;

    private static string ReadLimited(ReadOnlySpan<byte> span, ref int offset, int maxBytes, string what)
    {
        if (span.Length - offset >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset)) > maxBytes)
        {
            throw new InvalidDataException($"The {what} is longer than {maxBytes} bytes.");
        }

        return Frame.ReadString(span, ref offset);
    }
}
