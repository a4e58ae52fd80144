using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Ipc.Benchmarks.Peer;

/// <summary>
/// The floor: a minimal Unix-socket server written for the benchmark. Frames are
/// <c>length:i32 LE · kind:u8 · payload</c>; one thread per connection reads through a large buffer
/// (many frames per system call) and answers pings on the reading thread, with nothing allocated per frame.
/// </summary>
internal sealed class RawSocketPeer : IPeerServer
{
    /// <summary>The largest frame the benchmarks send: the largest payload and the frame's header.</summary>
    private const int LargestFrame = 4 + 1 + PeerProtocol.MaxPayloadBytes;

    /// <summary>Room for the largest frame several times over, and for many small ones per system call.</summary>
    private const int ReceiveBufferSize = 4 * LargestFrame;

    private static readonly byte[] PongBytes = Encoding.UTF8.GetBytes(PeerProtocol.Pong);

    private readonly DirectoryInfo _directory;
    private readonly Socket _listener;
    private readonly AllocationCounter _counter = new();

    public RawSocketPeer()
    {
        _directory = Directory.CreateTempSubdirectory("ipcgen-bench-raw-");
        Address = Path.Combine(_directory.FullName, "raw.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Address));
        _listener.Listen(backlog: 4);
        new Thread(AcceptLoop) { IsBackground = true, Name = "raw accept" }.Start();
    }

    public string Address { get; }

    public string Token => "-";

    public void Dispose()
    {
        _listener.Dispose();
        _directory.Delete(recursive: true);
    }

    private void AcceptLoop()
    {
        try
        {
            while (true)
            {
                Socket client = _listener.Accept();
                new Thread(() => Serve(client)) { IsBackground = true, Name = "raw connection" }.Start();
            }
        }
        catch (SocketException)
        {
            // The listener was disposed.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Serve(Socket client)
    {
        byte[] buffer = new byte[ReceiveBufferSize];
        byte[] reply = new byte[4 + 16];
        int start = 0;
        int end = 0;
        using (client)
        {
            try
            {
                while (true)
                {
                    int received = client.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                    if (received == 0)
                    {
                        return;
                    }

                    end += received;
                    while (end - start >= 4)
                    {
                        int length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                        if (end - start - 4 < length)
                        {
                            break;
                        }

                        Handle(client, (RawFrameKind)buffer[start + 4], reply);
                        start += 4 + length;
                    }

                    if (start == end)
                    {
                        start = end = 0;
                    }
                    else if (buffer.Length - start < LargestFrame)
                    {
                        // Too little room after an incomplete frame: move it to the front.
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                }
            }
            catch (SocketException)
            {
                // The benchmark went away.
            }
        }
    }

    private void Handle(Socket client, RawFrameKind kind, byte[] reply)
    {
        switch (kind)
        {
            case RawFrameKind.Ping:
                BinaryPrimitives.WriteInt32LittleEndian(reply, PongBytes.Length);
                PongBytes.CopyTo(reply, 4);
                client.Send(reply, 0, 4 + PongBytes.Length, SocketFlags.None);
                break;
            case RawFrameKind.Tick:
                _counter.Count();
                break;
            case RawFrameKind.Reset:
                _counter.Reset();
                break;
            case RawFrameKind.Drain:
                BatchResult result = _counter.Result();
                BinaryPrimitives.WriteInt32LittleEndian(reply, 16);
                BinaryPrimitives.WriteInt64LittleEndian(reply.AsSpan(4), result.Received);
                BinaryPrimitives.WriteInt64LittleEndian(reply.AsSpan(12), result.AllocatedBytes);
                client.Send(reply, 0, 20, SocketFlags.None);
                break;
            default:
                throw new InvalidDataException($"Unknown raw frame kind {(byte)kind}.");
        }
    }
}
