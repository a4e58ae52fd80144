using System.Buffers;

namespace Ipc.Transport;

/// <summary>
/// A whole frame as a connection received it, without its length prefix. A large frame is read into an array from the
/// shared pool (<see cref="FrameReader"/>); whoever ends up owning the frame gives that array back with
/// <see cref="Return"/> once nothing can read the frame any more, and simply drops it where that cannot be known
/// (the collector then takes it, as it takes every other frame).
/// </summary>
internal readonly struct ReceivedFrame(ReadOnlyMemory<byte> bytes, byte[]? pooled = null)
{
    /// <summary>The frame's bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => bytes;

    /// <summary>True when the frame's array came from the shared pool.</summary>
    public bool IsPooled => pooled is not null;

    /// <summary>A frame in an array of its own, which nobody returns.</summary>
    public static implicit operator ReceivedFrame(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>A frame in an array of its own, which nobody returns.</summary>
    public static implicit operator ReceivedFrame(byte[] bytes) => new(bytes);

    /// <summary>Gives a pooled frame's array back; call it once, and only when no reader of the frame is left.</summary>
    public void Return()
    {
        if (pooled is not null)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }
}
