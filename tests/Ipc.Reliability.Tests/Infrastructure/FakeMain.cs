using System.Buffers.Binary;
using System.Net.Sockets;

namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// A main process written by hand on a Unix socket: it accepts one renderer, welcomes it without checking
/// anything, then lets the test read its frames and write whatever bytes it likes back.
/// </summary>
public sealed class FakeMain : IDisposable
{
    private readonly string _directory;
    private readonly Socket _listener;
    private readonly Task<Socket> _accepted;

    public FakeMain()
    {
        _directory = Directory.CreateTempSubdirectory("ipcgen-fake-").FullName;
        string address = Path.Combine(_directory, "main.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(address));
        _listener.Listen(1);
        Endpoint = new IpcEndpoint(address, "any token");
        _accepted = Task.Run(() =>
        {
            Socket socket = _listener.Accept();
            ReadFrom(socket); // the Hello
            byte[] welcome = new byte[4 + 2 + 1 + 4 + 4];
            "IPCG"u8.CopyTo(welcome);
            BinaryPrimitives.WriteUInt16LittleEndian(welcome.AsSpan(4), 1);
            welcome[6] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(welcome.AsSpan(7), 1);
            BinaryPrimitives.WriteInt32LittleEndian(welcome.AsSpan(11), Environment.ProcessId);
            SendTo(socket, BitConverter.GetBytes(welcome.Length));
            SendTo(socket, welcome);
            return socket;
        });
    }

    public IpcEndpoint Endpoint { get; }

    private Socket Socket => _accepted.GetAwaiter().GetResult();

    public byte[] ReadFrame() => ReadFrom(Socket);

    public void SendLength(int length) => SendTo(Socket, BitConverter.GetBytes(length));

    public void Send(ReadOnlySpan<byte> bytes) => SendTo(Socket, bytes);

    /// <summary>Closes the renderer's connection: it reads end of stream.</summary>
    public void Close() => Socket.Dispose();

    public void Dispose()
    {
        if (_accepted.IsCompletedSuccessfully)
        {
            _accepted.Result.Dispose();
        }

        _listener.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static byte[] ReadFrom(Socket socket)
    {
        byte[] prefix = ReadExactly(socket, 4);
        return ReadExactly(socket, BinaryPrimitives.ReadInt32LittleEndian(prefix));
    }

    private static byte[] ReadExactly(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        for (int read = 0; read < count;)
        {
            int n = socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            read += n;
        }

        return buffer;
    }

    private static void SendTo(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes.Slice(socket.Send(bytes));
        }
    }
}
