namespace Ipc;

/// <summary>The connection to the other process is gone: it exited, was killed or was disposed.</summary>
public sealed class IpcDisconnectedException : IpcException
{
    /// <summary>Creates the error.</summary>
    public IpcDisconnectedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
