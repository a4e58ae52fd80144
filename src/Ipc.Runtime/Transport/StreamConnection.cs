using System.Buffers.Binary;
using System.IO.Pipes;
using System.Net.Sockets;

namespace Ipc.Transport;

/// <summary>
/// A connection over an OS byte stream (a Unix domain socket or a named pipe), framed as
/// <c>length:i32 LE · frame</c>. A dedicated thread reads: it checks each announced length against the
/// maximum before allocating, then hands the whole frame to the receiver, which only decodes and queues,
/// so a blocking listener never stalls the replies to other calls.
/// </summary>
internal sealed class StreamConnection : IpcConnection
{
    /// <summary>Frames up to this size are copied behind their length prefix and written with one call.</summary>
    private const int CoalescedWriteSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private readonly object _writeGate = new();
    private byte[]? _writeBuffer;
    private IFrameReceiver? _receiver;
    private int _closed;
    private int _closeReported;

    public StreamConnection(Stream stream, int maxMessageSize, int remoteProcessId)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize;
        RemoteProcessId = remoteProcessId;
    }

    public override int RemoteProcessId { get; }

    public override bool IsConnected => Volatile.Read(ref _closed) == 0;

    public override void Start(IFrameReceiver receiver)
    {
        _receiver = receiver;
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = $"IpcGen reader (process {RemoteProcessId})" };
        reader.Start();
    }

    public override void Write(ReadOnlySpan<byte> frame)
    {
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

    private void ReadLoop()
    {
        Exception? error = null;
        byte[] prefix = new byte[4];
        try
        {
            while (IsConnected)
            {
                int length = ReadLength(_stream, prefix, _maxMessageSize);
                if (length < 0)
                {
                    break; // the other end closed
                }

                byte[] frame = new byte[length]; // the receiver owns it from here on
                _stream.ReadExactly(frame);
                _receiver!.OnFrame(frame);
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
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // Disposing the stream ends the blocked read on the reading thread and sends EOF to the other end.
            _stream.Dispose();
        }

        if (_receiver is not null && Interlocked.Exchange(ref _closeReported, 1) == 0)
        {
            _receiver.OnClosed(error);
        }
    }
}
