using System.Net.Sockets;

namespace Ipc.Transport;

/// <summary>
/// A Unix domain socket inside a directory created for it with mode 0700, so only the same OS user can
/// reach the socket whatever the socket file's own mode is. The directory goes when the server is disposed or
/// the process stops (see <see cref="SocketDirectories"/>).
/// </summary>
internal sealed class UnixSocketServer : LocalServer
{
    private readonly DirectoryInfo _directory;
    private readonly Socket _socket;

    public UnixSocketServer()
    {
        _directory = SocketDirectories.Create();
        Address = Path.Combine(_directory.FullName, "main.sock");
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            _socket.Bind(new UnixDomainSocketEndPoint(Address));
            _socket.Listen(backlog: 16);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override string Address { get; }

    public static Stream ConnectTo(string address)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(address)); // immediate on a local socket: it succeeds or is refused
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override Stream Accept() => new NetworkStream(_socket.Accept(), ownsSocket: true);

    public override void Dispose()
    {
        _socket.Dispose();
        SocketDirectories.Remove(_directory);
    }
}
