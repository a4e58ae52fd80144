using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Ipc.Web;

/// <summary>
/// A server-side WebSocket seen as the byte stream the socket transports carry: every binary message holds
/// length-prefixed frames, so the handshake, <see cref="Transport.FrameReader"/> and its limits, the outgoing queue
/// and the back-pressure work on a web page exactly as on a Unix socket. Each write is one binary message (the
/// runtime writes one frame per write). A text message is a protocol violation and ends the connection.
/// </summary>
/// <remarks>
/// Reads and writes block on the WebSocket's asynchronous calls: the transport reads on a thread of its own and
/// writes through one writer at a time, which is the one receive and one send a WebSocket allows at once.
/// </remarks>
internal sealed class WebSocketTransportStream : Stream
{
    /// <summary>How long closing waits for the close frame to go out before it cuts the connection.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(250);

    private readonly WebSocket _socket;
    private readonly Stream? _connection;
    private int _disposed;

    /// <summary>Main's end: the WebSocket made on the TCP stream that the upgrade was answered on, owned from here on.</summary>
    /// <param name="connection">The TCP stream.</param>
    /// <param name="origin">The page's origin, as its upgrade request gave it.</param>
    public WebSocketTransportStream(Stream connection, string origin)
        // No keep-alive pings: on loopback they detect nothing, and each would be a write from a timer thread.
        : this(WebSocket.CreateFromStream(new SynchronousStream(connection), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero }), origin)
    {
        _connection = connection;
    }

    /// <summary>A client's end (a .NET renderer over a WebSocket), over an open socket, owned from here on.</summary>
    /// <param name="socket">The connected client socket.</param>
    /// <param name="origin">The origin the client presented.</param>
    public WebSocketTransportStream(WebSocket socket, string origin)
    {
        _socket = socket;
        Origin = origin;
    }

    /// <summary>The origin of the page at the other end.</summary>
    public string Origin { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReceiveInto(buffer.AsMemory(offset, count));

    public override int Read(Span<byte> buffer)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int read = ReceiveInto(rented.AsMemory(0, buffer.Length));
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Send(buffer.AsMemory(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            Send(rented.AsMemory(0, buffer.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SayGoodbye();
            _socket.Dispose();
            _connection?.Dispose(); // ends a blocked read or write on another thread (a client socket's Dispose does that itself)
        }

        base.Dispose(disposing);
    }

    /// <summary>Returns 0 at the end of the stream: the page closed the socket.</summary>
    private int ReceiveInto(Memory<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = _socket.ReceiveAsync(buffer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                return 0; // a browser killed, or a client that closed without a close frame: a departure, as end-of-stream is on a socket
            }
            catch (WebSocketException e)
            {
                throw new IOException($"The WebSocket failed: {e.Message}", e);
            }

            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    return 0;
                case WebSocketMessageType.Text:
                    throw new InvalidDataException("The page sent a text message; IpcGen frames travel in binary messages only.");
                default:
                    if (result.Count > 0)
                    {
                        return result.Count;
                    }

                    break; // an empty binary message: nothing to hand over, read on
            }
        }
    }

    private void Send(ReadOnlyMemory<byte> message)
    {
        try
        {
            _socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (WebSocketException e)
        {
            throw new IOException($"The WebSocket failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends a close frame when the socket is still open and can take it without blocking, so the page sees a normal
    /// closure; bounded, and never throws. Main's end writes with blocking calls (<see cref="SynchronousStream"/>), so a
    /// page that stopped reading must not be able to hold a dispose: then the connection is just cut.
    /// </summary>
    private void SayGoodbye()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)
            || _connection is not NetworkStream { Socket: var tcp } || !tcp.Poll(0, SelectMode.SelectWrite))
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(CloseGrace);
            _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token).Wait(CloseGrace);
        }
        catch (Exception e) when (e is AggregateException or WebSocketException or InvalidOperationException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A send was under way or the page is gone: the connection is cut below instead.
        }
    }
}
