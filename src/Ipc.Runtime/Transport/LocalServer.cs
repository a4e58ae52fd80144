namespace Ipc.Transport;

/// <summary>
/// The listening side of the platform's local transport: a Unix domain socket in a private directory on
/// Linux and macOS, a current-user-only named pipe on Windows. Accepted connections are raw streams;
/// the handshake and the framing happen above. Accept and connect are blocking calls on purpose: on
/// Unix, a socket that has seen one asynchronous operation serves later blocking reads through the
/// event loop, which more than doubles a round trip's latency.
/// </summary>
internal abstract class LocalServer : IDisposable
{
    /// <summary>Where clients connect: a socket path, or a pipe name on Windows.</summary>
    public abstract string Address { get; }

    /// <summary>Starts listening on a fresh, unguessable address.</summary>
    public static LocalServer Create() =>
        OperatingSystem.IsWindows() ? new NamedPipeServer() : new UnixSocketServer();

    /// <summary>Connects to the server at <paramref name="address"/>, blocking until connected.</summary>
    public static Stream Connect(string address, CancellationToken cancellationToken) =>
        OperatingSystem.IsWindows() ? NamedPipeServer.ConnectTo(address, cancellationToken) : UnixSocketServer.ConnectTo(address);

    /// <summary>Blocks until the next client connects. Throws once <see cref="Dispose"/> has been called.</summary>
    public abstract Stream Accept();

    /// <summary>Stops listening (ending a blocked <see cref="Accept"/>) and removes what listening created (the socket directory).</summary>
    public abstract void Dispose();
}
