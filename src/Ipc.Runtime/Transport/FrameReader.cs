using Ipc.Protocol;

namespace Ipc.Transport;

/// <summary>
/// Cuts length-prefixed frames out of a stream. One read fills a reused buffer with as many frames as have
/// arrived, so a burst of small messages costs one system call instead of two per frame; a frame larger
/// than what is buffered is finished with reads straight into its own array. Each announced length is
/// checked against the maximum, and counted by the receiver (<see cref="IFrameReceiver.Receiving"/>), before
/// its array is allocated. A frame of <see cref="MinPooledFrame"/> bytes or more gets an array from the shared pool,
/// which its owner gives back when it can (<see cref="ReceivedFrame"/>): large messages then cost no allocation on the
/// large object heap where their arguments are read and let go while their listeners run.
/// </summary>
/// <remarks>
/// A frame the peer leaves unfinished — its length read, its bytes not all arrived — for longer than the
/// incomplete-frame timeout closes the connection (<see cref="IncompleteFrameWatch"/>), so a peer cannot hold
/// main's memory with a frame it never finishes.
/// </remarks>
internal sealed class FrameReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The smallest frame read into a pooled array: below it, an exact array is as cheap and has no owner to track.</summary>
    internal const int MinPooledFrame = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private readonly IncompleteFrameWatch? _watch;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    /// <summary>
    /// True after a frame of <see cref="MinPooledFrame"/> bytes or more: the next length prefix is then read alone, so that
    /// a large frame's body goes from the socket straight into its own array instead of through the shared buffer (which
    /// would cost a copy of most of it). After a small frame, reads fill the buffer again, so a burst of small frames
    /// still costs one system call.
    /// </summary>
    private bool _afterLargeFrame;

    /// <param name="stream">The connection's stream.</param>
    /// <param name="maxMessageSize">The largest frame accepted.</param>
    /// <param name="incompleteFrameTimeout">How long an unfinished frame may make no progress; infinite to wait for ever.</param>
    /// <param name="onIncomplete">Closes the connection when that time passes (called on a timer thread).</param>
    public FrameReader(Stream stream, int maxMessageSize, TimeSpan incompleteFrameTimeout, Action<Exception> onIncomplete)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize;
        if (incompleteFrameTimeout != Timeout.InfiniteTimeSpan)
        {
            _watch = new IncompleteFrameWatch(incompleteFrameTimeout, onIncomplete);
        }
    }

    /// <summary>True while bytes that arrived are not yet cut into frames (perhaps part of one).</summary>
    public bool HasBuffered => _end > _start;

    /// <summary>
    /// True when a whole frame is buffered, so that <see cref="TryReadFrame"/> needs no read; also true for a length
    /// prefix that is out of range, which <see cref="TryReadFrame"/> then rejects without reading.
    /// </summary>
    public bool HasWholeFrame
    {
        get
        {
            int buffered = _end - _start;
            if (buffered < Framing.PrefixSize)
            {
                return false;
            }

            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
            return length < 0 || length > _maxMessageSize || buffered - Framing.PrefixSize >= length;
        }
    }

    /// <summary>Reads the next whole frame; false at a clean end of stream (between frames) or when the receiver refused to wait on a closed connection.</summary>
    /// <exception cref="InvalidDataException">The announced length is negative or above the maximum.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public bool TryReadFrame(IFrameReceiver receiver, out ReceivedFrame frame)
    {
        if (!Fill(Framing.PrefixSize))
        {
            frame = default;
            return false;
        }

        int length = Framing.ReadPrefix(_buffer.AsSpan(_start), _maxMessageSize);
        _start += Framing.PrefixSize;
        _afterLargeFrame = length >= MinPooledFrame;

        int buffered = Math.Min(_end - _start, length);
        if (!receiver.Receiving(length, _buffer.AsSpan(_start, buffered))) // may wait for main to catch up; the peer is not to blame for that time
        {
            frame = default;
            return false; // the connection closed while it waited
        }

        bool pooled = length is >= MinPooledFrame and <= Protocol.FrameBuilder.MaxPooledSize;

        // Uninitialised: every byte is overwritten below, and zeroing large frames showed in the receive profile.
        byte[] array = pooled ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        try
        {
            _buffer.AsSpan(_start, buffered).CopyTo(array);
            _start += buffered;
            if (buffered < length)
            {
                ReadRest(array, buffered, length);
            }
        }
        catch
        {
            receiver.NotReceived(length); // what was counted for it is free again
            if (pooled)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(array); // nobody saw it
            }

            throw;
        }

        frame = new ReceivedFrame(array.AsMemory(0, length), pooled ? array : null);
        return true;
    }

    private void ReadRest(byte[] frame, int offset, int length)
    {
        _watch?.Enter();
        try
        {
            while (offset < length)
            {
                int read = _stream.Read(frame, offset, length - offset);
                if (read == 0)
                {
                    throw new EndOfStreamException("The connection closed in the middle of a frame.");
                }

                offset += read;
                _watch?.Progress();
            }
        }
        finally
        {
            _watch?.Leave();
        }
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

            bool partial = _end > _start; // part of a length prefix is here: the peer owes the rest
            if (partial)
            {
                _watch?.Enter();
            }

            int read;
            try
            {
                int wanted = _afterLargeFrame ? count - (_end - _start) : _buffer.Length - _end;
                read = _stream.Read(_buffer, _end, wanted);
            }
            finally
            {
                if (partial)
                {
                    _watch?.Leave();
                }
            }

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
