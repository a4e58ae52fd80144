using Ipc.Protocol;

namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>Encodes message frames exactly as the runtime does, for raw clients and decoder tests.</summary>
internal static class Frames
{
    public static byte[] Message(MessageKind kind, long id, string channel, params object?[] args)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(kind, id, channel);
            if (kind != MessageKind.Cancel)
            {
                ArgumentSection.Write(frame, JsonIpcSerializer.Default, channel, args);
            }

            return frame.Frame.ToArray();
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>A frame header followed by the given body bytes, unchecked.</summary>
    public static byte[] WithBody(MessageKind kind, long id, string channel, ReadOnlySpan<byte> body)
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            frame.WriteHeader(kind, id, channel);
            body.CopyTo(frame.GetSpan(body.Length));
            frame.Advance(body.Length);
            return frame.Frame.ToArray();
        }
        finally
        {
            frame.Return();
        }
    }
}
