using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Ipc.Benchmarks.Peer;

namespace Ipc.Benchmarks.Clients;

/// <summary>
/// The benchmark's end of the floor: <c>length:i32 LE · kind:u8 · payload</c> frames over a Unix socket,
/// each frame written with one system call, the string payload encoded to UTF-8 (or the byte payload
/// copied) into the frame on every call (the least any IPC must do), nothing allocated per call.
/// </summary>
internal sealed class RawFramedClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _send = new byte[4 + 1 + PeerProtocol.MaxPayloadBytes];
    private readonly byte[] _receive = new byte[4 + 64];

    public RawFramedClient(string address)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _socket.Connect(new UnixDomainSocketEndPoint(address));
        _stream = new NetworkStream(_socket, ownsSocket: false);
    }

    /// <summary>Sends a ping and blocks until the pong has been read.</summary>
    public int PingSync(string payload)
    {
        Send(RawFrameKind.Ping, payload);
        return ReceiveReply();
    }

    /// <summary>Sends a ping carrying <paramref name="payload"/> as it is and blocks until the pong has been read.</summary>
    public int PingSync(ReadOnlySpan<byte> payload)
    {
        Send(RawFrameKind.Ping, payload);
        return ReceiveReply();
    }

    /// <summary>Sends a ping and awaits the pong, through the socket's asynchronous stream API.</summary>
    public async ValueTask<int> PingAsync(string payload)
    {
        int length = Encode(RawFrameKind.Ping, payload);
        await _stream.WriteAsync(_send.AsMemory(0, length)).ConfigureAwait(false);
        await _stream.ReadExactlyAsync(_receive.AsMemory(0, 4)).ConfigureAwait(false);
        int replyLength = BinaryPrimitives.ReadInt32LittleEndian(_receive);
        await _stream.ReadExactlyAsync(_receive.AsMemory(4, replyLength)).ConfigureAwait(false);
        return replyLength;
    }

    public void Tick(string payload) => Send(RawFrameKind.Tick, payload);

    public void Tick(ReadOnlySpan<byte> payload) => Send(RawFrameKind.Tick, payload);

    public void Reset() => Send(RawFrameKind.Reset, string.Empty);

    /// <summary>Waits until the peer has read every earlier tick; returns its count and allocations.</summary>
    public BatchResult Drain()
    {
        Send(RawFrameKind.Drain, string.Empty);
        ReceiveReply();
        return new BatchResult(
            BinaryPrimitives.ReadInt64LittleEndian(_receive.AsSpan(4)),
            BinaryPrimitives.ReadInt64LittleEndian(_receive.AsSpan(12)));
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private void Send(RawFrameKind kind, string payload) => SendFrame(Encode(kind, payload));

    private void Send(RawFrameKind kind, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_send.AsSpan(5));
        SendFrame(Header(kind, payload.Length));
    }

    private void SendFrame(int length)
    {
        int sent = 0;
        while (sent < length)
        {
            sent += _socket.Send(_send, sent, length - sent, SocketFlags.None);
        }
    }

    private int Encode(RawFrameKind kind, string payload) => Header(kind, Encoding.UTF8.GetBytes(payload, _send.AsSpan(5)));

    /// <summary>Writes the header of a frame whose payload is in place; returns the frame's length.</summary>
    private int Header(RawFrameKind kind, int payloadBytes)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_send, 1 + payloadBytes);
        _send[4] = (byte)kind;
        return 5 + payloadBytes;
    }

    private int ReceiveReply()
    {
        ReceiveExactly(_receive.AsSpan(0, 4));
        int length = BinaryPrimitives.ReadInt32LittleEndian(_receive);
        ReceiveExactly(_receive.AsSpan(4, length));
        return length;
    }

    private void ReceiveExactly(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            int received = _socket.Receive(destination, SocketFlags.None);
            if (received == 0)
            {
                throw new EndOfStreamException("The raw peer closed the connection.");
            }

            destination = destination.Slice(received);
        }
    }
}
