using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Ipc.Protocol;

/// <summary>
/// A growable pooled buffer that one frame is written into before it goes to a connection. The first
/// <see cref="Framing.PrefixSize"/> bytes are reserved for the frame's length, filled by <see cref="Framed"/>,
/// so the frame is written to a stream in one piece. One instance is cached per thread, so building a frame
/// allocates nothing in steady state.
/// </summary>
internal sealed class FrameBuilder : IBufferWriter<byte>
{
    private const int InitialSize = 256;

    /// <summary>
    /// The largest buffer taken from and given back to the shared pool (also for received frames, <see cref="Transport.FrameReader"/>):
    /// room for a 1 MiB payload and its header, so that such a message, sent again and again, reuses its buffer instead
    /// of allocating one on the large object heap each time. Larger ones are left to the GC: the pool keeps arrays up to
    /// a gigabyte, so a few huge messages (a hostile renderer's, say) would otherwise leave main holding their buffers
    /// long after (tests/Ipc.Reliability.Tests, HostileRendererTests).
    /// </summary>
    internal const int MaxPooledSize = 2 * 1024 * 1024;

    /// <summary>The largest buffer a thread keeps in its cached builder; a larger one goes back to the pool when the frame is sent.</summary>
    internal const int MaxCachedSize = 1024 * 1024;

    [ThreadStatic]
    private static FrameBuilder? t_cached;

    /// <summary>A second cached builder: a broadcast holds its argument section in one while each renderer's frame is built in another.</summary>
    [ThreadStatic]
    private static FrameBuilder? t_spare;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _length;

    /// <summary>The frame's length so far, without its prefix: what <see cref="IpcOptions.MaxMessageSize"/> limits.</summary>
    public int Length => _length - Framing.PrefixSize;

    /// <summary>The frame without its prefix.</summary>
    public ReadOnlySpan<byte> Frame => _buffer.AsSpan(Framing.PrefixSize, _length - Framing.PrefixSize);

    /// <summary>Fills the length prefix and returns the prefixed frame, ready for a stream.</summary>
    public ReadOnlySpan<byte> Framed
    {
        get
        {
            Framing.WritePrefix(_buffer, _length - Framing.PrefixSize);
            return _buffer.AsSpan(0, _length);
        }
    }

    /// <summary>Takes one of this thread's builders (or a new one when both are in use further up the stack).</summary>
    public static FrameBuilder Rent()
    {
        FrameBuilder? builder = t_cached;
        if (builder is not null)
        {
            t_cached = null;
        }
        else
        {
            builder = t_spare ?? new FrameBuilder();
            t_spare = null;
        }

        builder._length = Framing.PrefixSize;
        return builder;
    }

    /// <summary>Gives the builder back; a buffer above <see cref="MaxCachedSize"/> goes back to the pool (or to the GC) instead of staying cached.</summary>
    public void Return()
    {
        if (_buffer.Length > MaxCachedSize)
        {
            GiveBack(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }

        if (t_cached is null)
        {
            t_cached = this;
        }
        else
        {
            t_spare = this;
        }
    }

    public void WriteHeader(MessageKind kind, long id, string channel)
    {
        WriteByte((byte)kind);
        WriteInt64(id);
        WriteString(channel);
    }

    /// <summary>Writes a header that carries <paramref name="traceContext"/>'s W3C context, when there is one (see <see cref="TraceContext"/>).</summary>
    public void WriteHeader(MessageKind kind, long id, string channel, System.Diagnostics.Activity? traceContext)
    {
        if (traceContext is null)
        {
            WriteHeader(kind, id, channel);
            return;
        }

        WriteByte((byte)((byte)kind | TraceContext.Flag));
        WriteInt64(id);
        WriteString(channel);
        TraceContext.Write(this, traceContext);
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        _length += 8;
    }

    /// <summary>Writes an int32 byte count followed by the UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> span = GetSpan(4 + max);
        int count = Encoding.UTF8.GetBytes(value, span.Slice(4));
        BinaryPrimitives.WriteInt32LittleEndian(span, count);
        _length += 4 + count;
    }

    /// <summary>Reserves an int32 length slot; <see cref="EndLength"/> fills it with the bytes written since.</summary>
    public int BeginLength()
    {
        int position = _length;
        WriteInt32(0);
        return position;
    }

    public void EndLength(int position) =>
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position), _length - position - 4);

    /// <summary>Fills an int32 slot reserved earlier (<see cref="BeginLength"/>) with <paramref name="value"/>.</summary>
    public void WriteInt32At(int position, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position), value);

    /// <summary>
    /// Fills in the id of a call whose header went out with a placeholder: a typed call is built before its id is known,
    /// since the id is taken only once the frame is ready to go. The id follows the kind byte (<see cref="WriteHeader(MessageKind, long, string)"/>).
    /// </summary>
    public void WriteIdAfterHeaderKind(long id) =>
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(Framing.PrefixSize + 1), id);

    /// <summary>Appends bytes built elsewhere (a broadcast's argument section, serialised once for every renderer).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _length >= sizeHint)
        {
            return;
        }

        long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + sizeHint);
        if (wanted > Array.MaxLength)
        {
            wanted = Math.Max(Array.MaxLength, (long)_length + sizeHint);
            if (wanted > Array.MaxLength)
            {
                throw new OutOfMemoryException("An IPC message cannot be larger than the largest array.");
            }
        }

        byte[] larger = wanted > MaxPooledSize ? GC.AllocateUninitializedArray<byte>((int)wanted) : ArrayPool<byte>.Shared.Rent((int)wanted);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        GiveBack(_buffer);
        _buffer = larger;
    }

    /// <summary>Returns a buffer to the pool it came from; one above <see cref="MaxPooledSize"/> was allocated, and is left to the GC.</summary>
    private static void GiveBack(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
