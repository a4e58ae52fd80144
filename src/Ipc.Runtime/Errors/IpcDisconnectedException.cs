namespace Ipc;

/// <summary>The connection to the other process is gone: it exited, was killed or was disposed. Its properties are set by the constructor only, so it is safe to read from any thread.</summary>
public sealed class IpcDisconnectedException : IpcException
{
    /// <summary>Creates the error with a default message.</summary>
    public IpcDisconnectedException()
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">Which connection ended and how.</param>
    public IpcDisconnectedException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    /// <param name="message">Which connection ended and how.</param>
    /// <param name="innerException">What broke the connection, if known.</param>
    public IpcDisconnectedException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for a call on <paramref name="channel"/> that the disconnection failed.</summary>
    /// <param name="message">Which connection ended and how.</param>
    /// <param name="channel">The channel of the failed call, if any.</param>
    /// <param name="innerException">What broke the connection, if known.</param>
    public IpcDisconnectedException(string? message, string? channel, Exception? innerException)
        : base(message, channel, innerException)
    {
    }
}
