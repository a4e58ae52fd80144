using Ipc.Protocol;

namespace Ipc.Transport;

/// <summary>
/// Cuts length-prefixed frames out of a stream. One read fills a reused buffer with as many frames as have
/// arrived, so a burst of small messages costs one system call instead of two per frame; a frame larger
/// than what is buffered is finished with a read straight into its own array. Each announced length is
/// checked against the maximum before its array is allocated.
/// </summary>
internal sealed class FrameReader(Stream stream, int maxMessageSize)
{
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    /// <summary>Reads the next whole frame; false at a clean end of stream (between frames).</summary>
    /// <exception cref="InvalidDataException">The announced length is negative or above the maximum.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public bool TryReadFrame(out byte[] frame)
    {
        if (!Fill(Framing.PrefixSize))
        {
            frame = [];
            return false;
        }

        int length = Framing.ReadPrefix(_buffer.AsSpan(_start), maxMessageSize);
        _start += Framing.PrefixSize;

        // Uninitialised: every byte is overwritten below, and zeroing large frames showed in the receive profile.
        frame = GC.AllocateUninitializedArray<byte>(length);
        int buffered = Math.Min(_end - _start, length);
        _buffer.AsSpan(_start, buffered).CopyTo(frame);
        _start += buffered;
        if (buffered < length)
        {
            stream.ReadExactly(frame, buffered, length - buffered);
        }

        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available; false at a clean end of stream with nothing buffered.</summary>
    private bool Fill(int count)
    {
        while (_end - _start < count)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return _end == _start
                    ? false
                    : throw new EndOfStreamException("The connection closed in the middle of a frame's length.");
            }

            _end += read;
        }

        return true;
    }
}
