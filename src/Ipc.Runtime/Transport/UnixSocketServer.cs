using System.Net.Sockets;

namespace Ipc.Transport;

/// <summary>
/// A Unix domain socket inside a directory created for it with mode 0700, so only the same OS user can
/// reach the socket whatever the socket file's own mode is.
/// </summary>
internal sealed class UnixSocketServer : LocalServer
{
    private readonly DirectoryInfo _directory;
    private readonly Socket _socket;

    public UnixSocketServer()
    {
        // mkdtemp: created atomically with mode 0700 under a random name, failing rather than reusing a directory.
        _directory = Directory.CreateTempSubdirectory("ipcgen-");
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

    public static async Task<Stream> ConnectToAsync(string address, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(address), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override async Task<Stream> AcceptAsync(CancellationToken cancellationToken)
    {
        Socket client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        return new NetworkStream(client, ownsSocket: true);
    }

    public override void Dispose()
    {
        _socket.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Already removed, e.g. by a temp-directory cleaner; nothing is left to protect.
        }
    }
}
