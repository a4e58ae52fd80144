using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>
/// A client that speaks the wire format by hand, as docs/transports.md describes it, so tests can send
/// what a well-behaved renderer never would: another protocol version, a frame above the maximum.
/// </summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;

    private RawClient(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<RawClient> ConnectAsync(IpcEndpoint endpoint)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.Address));
        return new RawClient(socket);
    }

    /// <summary>Sends a Hello: magic, version, process id, launch id, token.</summary>
    public void SendHello(ushort version, string token)
    {
        var body = new List<byte>();
        body.AddRange("IPCG"u8.ToArray());
        body.AddRange(BitConverter.GetBytes(version));
        body.AddRange(BitConverter.GetBytes(Environment.ProcessId));
        body.AddRange(BitConverter.GetBytes(0L));
        byte[] tokenBytes = Encoding.UTF8.GetBytes(token);
        body.AddRange(BitConverter.GetBytes(tokenBytes.Length));
        body.AddRange(tokenBytes);
        SendLength(body.Count);
        _socket.Send(body.ToArray());
    }

    /// <summary>Reads main's Welcome; returns (accepted, renderer id or -1, refusal reason or null).</summary>
    public (bool Accepted, int RendererId, string? Reason) ReadWelcome()
    {
        byte[] frame = ReadExactly(BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4)));
        Assert.Equal("IPCG", Encoding.ASCII.GetString(frame, 0, 4));
        bool accepted = frame[6] == 1;
        if (accepted)
        {
            return (true, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(7)), null);
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(7));
        return (false, -1, Encoding.UTF8.GetString(frame, 11, length));
    }

    /// <summary>Sends a length prefix alone, as if a frame of that size followed.</summary>
    public void SendLength(int length)
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        _socket.Send(prefix);
    }

    /// <summary>Connects, says hello with the right token and returns the accepted client and its renderer id.</summary>
    public static async Task<(RawClient Client, int RendererId)> ConnectAcceptedAsync(IpcEndpoint endpoint)
    {
        RawClient client = await ConnectAsync(endpoint);
        client.SendHello(version: 1, endpoint.Token);
        (bool accepted, int rendererId, string? reason) = client.ReadWelcome();
        Assert.True(accepted, reason);
        return (client, rendererId);
    }

    /// <summary>Sends <paramref name="frame"/> behind its length prefix.</summary>
    public void SendFrame(ReadOnlySpan<byte> frame)
    {
        SendLength(frame.Length);
        SendBytes(frame);
    }

    /// <summary>Sends bytes as they are, with no framing.</summary>
    public void SendBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes.Slice(_socket.Send(bytes));
        }
    }

    /// <summary>Reads one length-prefixed frame main sent.</summary>
    public byte[] ReadFrame() => ReadExactly(BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(4)));

    /// <summary>Closes the sending direction: main reads end of stream, and can still write to us.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads and discards whatever main sends (a refusal, say) until it closes the connection; false if it stays open for <paramref name="wait"/>.</summary>
    public async Task<bool> DrainUntilClosedAsync(TimeSpan wait)
    {
        byte[] buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>True once main has closed the connection (a read returns end of stream), false if it stays open for <paramref name="wait"/>.</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan wait)
    {
        byte[] buffer = new byte[1];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();

    private byte[] ReadExactly(int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = _socket.Receive(buffer, read, count - read, SocketFlags.None);
            Assert.True(n > 0, "main closed the connection");
            read += n;
        }

        return buffer;
    }
}
