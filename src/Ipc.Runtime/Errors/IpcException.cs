namespace Ipc;

/// <summary>The base of every error IpcGen raises for a failed message.</summary>
public class IpcException : Exception
{
    /// <summary>Creates an error with a message.</summary>
    public IpcException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    public IpcException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The channel the failed message was sent on, when there was one.</summary>
    public string? Channel { get; init; }
}
