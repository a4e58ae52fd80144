namespace Ipc.Transport;

/// <summary>
/// The listening side of the platform's local transport: a Unix domain socket in a private directory on
/// Linux and macOS, a current-user-only named pipe on Windows. Accepted connections are raw streams;
/// the handshake and the framing happen above. Accept and connect are blocking calls on purpose: on
/// Unix, a socket that has seen one asynchronous operation serves later blocking reads through the
/// event loop, which more than doubles a round trip's latency.
/// </summary>
internal abstract class LocalServer : ConnectionListener
{

    /// <summary>Starts listening on a fresh, unguessable address of the chosen transport.</summary>
    public static LocalServer Create(IpcTransport transport) =>
        Resolve(transport) == IpcTransport.NamedPipe ? new NamedPipeServer() : new UnixSocketServer();

    /// <summary>
    /// Connects to the server at <paramref name="address"/>, blocking until connected. A socket address is a path;
    /// a pipe address is a bare pipe name, so the address alone tells the transport.
    /// </summary>
    public static Stream Connect(string address, CancellationToken cancellationToken) =>
        Path.IsPathRooted(address) ? UnixSocketServer.ConnectTo(address) : NamedPipeServer.ConnectTo(address, cancellationToken);

    private static IpcTransport Resolve(IpcTransport transport) => transport switch
    {
        IpcTransport.Default => OperatingSystem.IsWindows() ? IpcTransport.NamedPipe : IpcTransport.UnixDomainSocket,
        IpcTransport.UnixDomainSocket or IpcTransport.NamedPipe => transport,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Unknown IpcTransport."),
    };
}
