namespace Ipc.Transport;

/// <summary>
/// Where <see cref="RendererServer"/> takes its connections from: the platform's local transport
/// (<see cref="LocalServer"/>) or the loopback WebSocket listener for web pages (<see cref="Web.WebListener"/>).
/// The server accepts on one thread and opens each connection on a thread of its own, so a slow client never
/// delays the others.
/// </summary>
internal abstract class ConnectionListener : IDisposable
{
    /// <summary>Where clients connect.</summary>
    public abstract string Address { get; }

    /// <summary>Blocks until the next client connects. Throws once <see cref="Dispose"/> has been called.</summary>
    public abstract Stream Accept();

    /// <summary>
    /// Turns an accepted stream into the one the handshake reads, on the connection's own thread and within the
    /// handshake's deadline (which closes <paramref name="accepted"/> when it passes). Null when there is no IpcGen
    /// connection to make: the client asked for something else and was answered, went away, or was refused — then
    /// <paramref name="refusal"/> says why, for main's <see cref="IpcMain.Error"/>.
    /// </summary>
    public virtual Stream? Open(Stream accepted, out string? refusal)
    {
        refusal = null;
        return accepted;
    }

    /// <summary>Stops listening (ending a blocked <see cref="Accept"/>) and removes what listening created.</summary>
    public abstract void Dispose();
}
