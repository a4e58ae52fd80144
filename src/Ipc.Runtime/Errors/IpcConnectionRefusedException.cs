namespace Ipc;

/// <summary>
/// A cross-process connection was refused during its handshake: a wrong token, a different protocol
/// version, or a malformed handshake. On the renderer it is thrown by <see cref="IpcRenderer.ConnectAsync(IpcEndpoint, IpcRendererOptions?, CancellationToken)"/>;
/// on main it is reported through <see cref="IpcMain.Error"/>, and connected renderers are not affected.
/// </summary>
public sealed class IpcConnectionRefusedException : IpcException
{
    /// <summary>Creates the error.</summary>
    public IpcConnectionRefusedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
