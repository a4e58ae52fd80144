namespace Ipc;

/// <summary>
/// A synchronous message got no reply: the main process has no listener on the channel, or every
/// listener returned without setting <see cref="IpcMainEvent.ReturnValue"/>.
/// Its properties are set by the constructor only, so it is safe to read from any thread.
/// </summary>
public sealed class IpcNoReplyException : IpcException
{
    /// <summary>Creates the error for <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel of the sync message.</param>
    /// <param name="message">Main's explanation: no listener, or none set the reply.</param>
    public IpcNoReplyException(string channel, string? message)
        : base(message, channel, innerException: null)
    {
    }
}
