using System.Buffers.Binary;

namespace Ipc.Protocol;

/// <summary>
/// The one place that knows how frames are delimited on a byte stream: <c>length:i32 LE · frame</c>.
/// <see cref="FrameBuilder"/> reserves the prefix in front of every frame it builds, so a frame goes to the
/// stream in one piece without being copied behind its length.
/// </summary>
internal static class Framing
{
    /// <summary>The size of the length prefix in front of each frame.</summary>
    public const int PrefixSize = 4;

    /// <summary>Writes the length prefix of a frame of <paramref name="frameLength"/> bytes.</summary>
    public static void WritePrefix(Span<byte> destination, int frameLength) =>
        BinaryPrimitives.WriteInt32LittleEndian(destination, frameLength);

    /// <summary>Reads a length prefix and rejects a length that is negative or above <paramref name="maxMessageSize"/>.</summary>
    /// <exception cref="InvalidDataException">The announced length is out of range.</exception>
    public static int ReadPrefix(ReadOnlySpan<byte> prefix, int maxMessageSize)
    {
        int announced = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (announced < 0 || announced > maxMessageSize)
        {
            throw new InvalidDataException(
                $"The other end announced a frame of {(uint)announced} bytes, above the maximum of {maxMessageSize} bytes (IpcOptions.MaxMessageSize); the connection was closed.");
        }

        return announced;
    }

    /// <summary>Reads the length prefix of one frame from <paramref name="stream"/> and checks it, without allocating anything.</summary>
    /// <returns>The announced length, or -1 at a clean end of stream.</returns>
    public static int ReadLength(Stream stream, int maxMessageSize)
    {
        Span<byte> prefix = stackalloc byte[PrefixSize];
        int read = stream.ReadAtLeast(prefix, PrefixSize, throwOnEndOfStream: false);
        if (read == 0)
        {
            return -1;
        }

        if (read < PrefixSize)
        {
            throw new EndOfStreamException("The connection closed in the middle of a frame's length.");
        }

        return ReadPrefix(prefix, maxMessageSize);
    }
}
