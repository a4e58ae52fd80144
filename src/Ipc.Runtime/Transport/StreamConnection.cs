using System.Buffers.Binary;
using System.IO.Pipes;
using System.Net.Sockets;

namespace Ipc.Transport;

/// <summary>
/// A connection over an OS byte stream (a Unix domain socket or a named pipe), framed as
/// <c>length:i32 LE · frame</c>. A dedicated thread reads: it checks each announced length against the
/// maximum before allocating, then hands the whole frame to the receiver. A renderer's receiver only
/// decodes and queues, so a blocking listener never stalls the replies to its calls; main's may run a call
/// on this thread when main's loop is idle (<see cref="Dispatch.SerialDispatcher.RunOrEnqueue"/>).
/// </summary>
/// <remarks>
/// Writes come in two policies. Without <see cref="OutgoingQueueLimits"/> (a renderer's end) a write blocks
/// until the OS has taken the frame: a renderer that outpaces main waits. With them (main's end) a write
/// never blocks for long: a frame goes straight to the socket when the socket has room for it, and
/// otherwise into a bounded queue that a writer thread drains. A peer that stops reading is disconnected,
/// with a reason, when the queue would pass <see cref="OutgoingQueueLimits.MaxQueuedBytes"/> or a write
/// makes no progress for <see cref="OutgoingQueueLimits.StallTimeout"/>; main's dispatcher, which writes
/// replies and <see cref="IpcSender.Send"/>s, and the other renderers are never held up by it.
/// </remarks>
internal sealed class StreamConnection : IpcConnection
{
    /// <summary>Frames up to this size are copied behind their length prefix and written with one call.</summary>
    private const int CoalescedWriteSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private readonly object _writeGate = new();
    private readonly OutgoingQueueLimits? _limits;
    private readonly Socket? _socket;
    private readonly int _directWriteLimit;
    private readonly Queue<byte[]> _queue = new();
    private long _queuedBytes;
    private bool _writerBusy;
    private Thread? _writer;
    private byte[]? _writeBuffer;
    private IFrameReceiver? _receiver;
    private int _closed;
    private int _closeReported;
    private Exception? _closeError;

    public StreamConnection(Stream stream, int maxMessageSize, int remoteProcessId, OutgoingQueueLimits? limits = null)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize;
        RemoteProcessId = remoteProcessId;
        _limits = limits;
        if (limits is { } queue && stream is NetworkStream { Socket: var socket })
        {
            _socket = socket;

            // A blocking send with no progress for this long fails: the backstop that bounds every write.
            socket.SendTimeout = queue.StallTimeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Ceiling(queue.StallTimeout.TotalMilliseconds);

            // Linux reports a Unix socket writable while at most a quarter of its send buffer is in use, so a
            // frame up to a quarter of the buffer fits without blocking once Poll says writable.
            _directWriteLimit = Math.Min(CoalescedWriteSize, socket.SendBufferSize / 4);
        }
    }

    public override int RemoteProcessId { get; }

    public override bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>While the receiver waits or runs a listener, nothing is read: the peer's writes wait once the OS buffers are full.</summary>
    public override bool HasReadingThread => true;

    public override void Start(IFrameReceiver receiver)
    {
        _receiver = receiver;
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = $"IpcGen reader (process {RemoteProcessId})" };
        reader.Start();
    }

    public override void Write(ReadOnlySpan<byte> frame)
    {
        if (_limits is { } limits)
        {
            WriteQueued(frame, limits);
            return;
        }

        lock (_writeGate)
        {
            if (!IsConnected)
            {
                throw new IpcDisconnectedException("The connection is closed.");
            }

            try
            {
                WriteFramed(frame);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                Close(null); // the peer is gone; the reading side will tell the receiver the same
                throw new IpcDisconnectedException("The connection closed while a message was being written.", e);
            }
        }
    }

    public override void Dispose() => Close(null);

    /// <summary>Reads the length prefix of one frame and checks it, without allocating anything.</summary>
    /// <returns>The announced length, or -1 at a clean end of stream.</returns>
    internal static int ReadLength(Stream stream, Span<byte> prefix, int maxMessageSize)
    {
        int read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return -1;
        }

        if (read < prefix.Length)
        {
            throw new EndOfStreamException("The connection closed in the middle of a frame's length.");
        }

        return CheckLength(BinaryPrimitives.ReadInt32LittleEndian(prefix), maxMessageSize);
    }

    /// <summary>Rejects an announced frame length that is negative or above the maximum.</summary>
    internal static int CheckLength(int announced, int maxMessageSize)
    {
        if (announced < 0 || announced > maxMessageSize)
        {
            throw new InvalidDataException(
                $"The other end announced a frame of {(uint)announced} bytes, above the maximum of {maxMessageSize} bytes (IpcOptions.MaxMessageSize); the connection was closed.");
        }

        return announced;
    }

    private void WriteFramed(ReadOnlySpan<byte> frame)
    {
        if (frame.Length <= CoalescedWriteSize - 4)
        {
            // One write call per frame: copying a small frame is cheaper than a second system call.
            _writeBuffer ??= new byte[CoalescedWriteSize];
            BinaryPrimitives.WriteInt32LittleEndian(_writeBuffer, frame.Length);
            frame.CopyTo(_writeBuffer.AsSpan(4));
            _stream.Write(_writeBuffer, 0, frame.Length + 4);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, frame.Length);
            _stream.Write(prefix);
            _stream.Write(frame);
        }

        _stream.Flush();
    }

    /// <summary>Writes at once when nothing is queued and the socket has room, else queues for the writer thread.</summary>
    private void WriteQueued(ReadOnlySpan<byte> frame, OutgoingQueueLimits limits)
    {
        IpcDisconnectedException failure;
        bool stalled = true;
        lock (_writeGate)
        {
            if (!IsConnected)
            {
                throw new IpcDisconnectedException("The connection is closed.");
            }

            // Without a socket to poll (a named pipe), every frame goes through the queue.
            if (_socket is not null && _queue.Count == 0 && !_writerBusy && frame.Length + 4 <= _directWriteLimit && _socket.Poll(0, SelectMode.SelectWrite))
            {
                try
                {
                    WriteFramed(frame);
                    return;
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
                {
                    (failure, stalled) = WriteFailed(e, limits);
                }
            }
            else if (_queuedBytes > 0 && _queuedBytes + frame.Length + 4 > limits.MaxQueuedBytes)
            {
                failure = new IpcDisconnectedException(
                    $"The process {RemoteProcessId} is not reading: {_queuedBytes} bytes already wait to be sent to it and {frame.Length + 4} more would pass the limit of {limits.MaxQueuedBytes} bytes (IpcMainOptions.MaxQueuedBytesPerRenderer); the connection was closed.");
            }
            else
            {
                Enqueue(frame);
                return;
            }
        }

        // Closing tells the receiver, which must not happen under the write lock.
        Close(stalled ? failure : null);
        throw failure;
    }

    private void Enqueue(ReadOnlySpan<byte> frame)
    {
        // An exact-size array, not a pooled one (which rounds up to a power of two): the queue limit is what it holds.
        byte[] buffer = new byte[frame.Length + 4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, frame.Length);
        frame.CopyTo(buffer.AsSpan(4));
        _queue.Enqueue(buffer);
        _queuedBytes += frame.Length + 4;
        if (_writer is null)
        {
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = $"IpcGen writer (process {RemoteProcessId})" };
            _writer.Start();
        }
        else
        {
            Monitor.Pulse(_writeGate);
        }
    }

    /// <summary>Drains the queue with blocking writes, each bounded by the socket's send timeout.</summary>
    private void WriteLoop()
    {
        while (true)
        {
            byte[] item;
            lock (_writeGate)
            {
                while (_queue.Count == 0 && IsConnected)
                {
                    Monitor.Wait(_writeGate);
                }

                if (!IsConnected)
                {
                    return;
                }

                item = _queue.Dequeue();
                _writerBusy = true;
            }

            try
            {
                _stream.Write(item);
                _stream.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                (IpcDisconnectedException failure, bool stalled) = WriteFailed(e, _limits!.Value);
                Close(stalled ? failure : null);
                return;
            }

            lock (_writeGate)
            {
                _writerBusy = false;
                _queuedBytes -= item.Length;
            }
        }
    }

    /// <summary>A write that timed out means a stalled peer, worth reporting; any other failure means it has gone.</summary>
    private (IpcDisconnectedException Error, bool Stalled) WriteFailed(Exception e, OutgoingQueueLimits limits)
    {
        bool timedOut = IsConnected && (
            e is IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } } ||
            e is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock });
        return timedOut
            ? (new IpcDisconnectedException(
                $"The process {RemoteProcessId} is not reading: a write made no progress for {limits.StallTimeout.TotalSeconds:0.###} s (IpcMainOptions.StalledRendererTimeout); the connection was closed.", e), true)
            : (new IpcDisconnectedException("The connection closed while a message was being written.", e), false);
    }

    private void ReadLoop()
    {
        Exception? error = null;
        try
        {
            var reader = new FrameReader(_stream, _maxMessageSize);
            while (IsConnected && reader.TryReadFrame(out byte[] frame))
            {
                _receiver!.OnFrame(frame); // the receiver owns the array from here on
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            // A killed peer or our own Dispose: an ordinary end of the connection, not an error.
        }
        catch (Exception e)
        {
            error = e;
        }

        Close(error);
    }

    private bool IsPeerGone(Exception e) =>
        !IsConnected ||
        e is ObjectDisposedException ||
        (e is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted or SocketError.OperationAborted } }) ||
        (e is IOException && _stream is PipeStream { IsConnected: false });

    private void Close(Exception? error)
    {
        if (error is not null)
        {
            // Kept before the stream is disposed: the reading thread, woken by that, must report this error, not its own end.
            Interlocked.CompareExchange(ref _closeError, error, null);
        }

        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // Disposing the stream ends the blocked read on the reading thread and sends EOF to the other end.
            _stream.Dispose();
            if (_limits is not null)
            {
                lock (_writeGate)
                {
                    _queue.Clear(); // nobody will read them
                    _queuedBytes = 0;
                    Monitor.PulseAll(_writeGate); // the writer thread exits
                }
            }
        }

        if (_receiver is not null && Interlocked.Exchange(ref _closeReported, 1) == 0)
        {
            _receiver.OnClosed(Volatile.Read(ref _closeError));
        }
    }
}
