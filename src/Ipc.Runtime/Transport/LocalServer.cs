namespace Ipc.Transport;

/// <summary>
/// The listening side of the platform's local transport: a Unix domain socket in a private directory on
/// Linux and macOS, a current-user-only named pipe on Windows. Accepted connections are raw streams;
/// the handshake and the framing happen above.
/// </summary>
internal abstract class LocalServer : IDisposable
{
    /// <summary>Where clients connect: a socket path, or a pipe name on Windows.</summary>
    public abstract string Address { get; }

    /// <summary>Starts listening on a fresh, unguessable address.</summary>
    public static LocalServer Create() =>
        OperatingSystem.IsWindows() ? new NamedPipeServer() : new UnixSocketServer();

    /// <summary>Connects to the server at <paramref name="address"/>.</summary>
    public static Task<Stream> ConnectAsync(string address, CancellationToken cancellationToken) =>
        OperatingSystem.IsWindows() ? NamedPipeServer.ConnectToAsync(address, cancellationToken) : UnixSocketServer.ConnectToAsync(address, cancellationToken);

    /// <summary>Waits for the next client. Throws <see cref="OperationCanceledException"/> or <see cref="ObjectDisposedException"/> once stopped.</summary>
    public abstract Task<Stream> AcceptAsync(CancellationToken cancellationToken);

    /// <summary>Stops listening and removes what listening created (the socket directory).</summary>
    public abstract void Dispose();
}
