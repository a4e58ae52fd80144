namespace Ipc;

/// <summary>An invocation reached the other end (main, or a renderer that main invoked) but no handler is registered there for its channel. Its properties are set by the constructor only, so it is safe to read from any thread.</summary>
public sealed class IpcNoHandlerException : IpcException
{
    /// <summary>Creates the error for <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel invoked.</param>
    /// <param name="message">The other end's explanation.</param>
    public IpcNoHandlerException(string channel, string? message)
        : base(message, channel, innerException: null)
    {
    }
}
