namespace Ipc;

/// <summary>
/// A message is larger than the connection's maximum message size (<see cref="IpcOptions.MaxMessageSize"/>). Nothing
/// was sent. A reply too large to send is reported the same way on the answering side, and its caller is told that the
/// reply, not the handler, failed.
/// Its properties are set by the constructor only, so it is safe to read from any thread.
/// </summary>
public sealed class IpcMessageTooLargeException : IpcException
{
    /// <summary>Creates the error for a message on <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel of the rejected message.</param>
    /// <param name="size">The encoded size of the rejected message, in bytes.</param>
    /// <param name="maximum">The maximum message size in force, in bytes.</param>
    public IpcMessageTooLargeException(string channel, long size, int maximum)
        : this($"The message on '{channel}' is {size} bytes, above the maximum of {maximum} bytes (IpcOptions.MaxMessageSize).", channel, size, maximum)
    {
    }

    /// <summary>Creates the error with a message of its own, e.g. one that says the message was a reply.</summary>
    /// <param name="message">What was too large.</param>
    /// <param name="channel">The channel of the rejected message.</param>
    /// <param name="size">The encoded size of the rejected message, in bytes.</param>
    /// <param name="maximum">The maximum message size in force, in bytes.</param>
    public IpcMessageTooLargeException(string? message, string channel, long size, int maximum)
        : base(message, channel, innerException: null)
    {
        Size = size;
        Maximum = maximum;
    }

    /// <summary>The encoded size of the rejected message, in bytes.</summary>
    public long Size { get; }

    /// <summary>The maximum message size in force, in bytes.</summary>
    public int Maximum { get; }
}
