namespace Ipc;

/// <summary>
/// The base of every error IpcGen raises for a failed message. Catch it to handle every IPC failure at once; the
/// derived types say what went wrong. Like every exception, an instance is safe to read from any thread.
/// </summary>
public class IpcException : Exception
{
    /// <summary>Creates an error with a default message.</summary>
    public IpcException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public IpcException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public IpcException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error about a message on <paramref name="channel"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="channel">The channel the failed message was sent on, if there was one.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public IpcException(string? message, string? channel, Exception? innerException)
        : base(message, innerException)
    {
        Channel = channel;
    }

    /// <summary>The channel the failed message was sent on, when there was one; set by the constructor only.</summary>
    public string? Channel { get; }
}
