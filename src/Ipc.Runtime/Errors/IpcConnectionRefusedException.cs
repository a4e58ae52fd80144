namespace Ipc;

/// <summary>
/// A cross-process connection was refused during its handshake: a wrong token, a different protocol
/// version, or a malformed handshake. On the renderer it is thrown by <see cref="IpcRenderer.ConnectAsync(IpcEndpoint, IpcRendererOptions?, CancellationToken)"/>;
/// on main it is reported through <see cref="IpcMain.Error"/>, and connected renderers are not affected.
/// Its properties are set by the constructor only, so it is safe to read from any thread.
/// </summary>
public sealed class IpcConnectionRefusedException : IpcException
{
    /// <summary>Creates the error with a default message.</summary>
    public IpcConnectionRefusedException()
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">Why the connection was refused.</param>
    public IpcConnectionRefusedException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    /// <param name="message">Why the connection was refused.</param>
    /// <param name="innerException">The error that ended the handshake, if any.</param>
    public IpcConnectionRefusedException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
