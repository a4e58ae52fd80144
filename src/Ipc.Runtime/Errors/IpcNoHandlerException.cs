namespace Ipc;

/// <summary>An invocation reached the main process but no handler is registered for its channel.</summary>
public sealed class IpcNoHandlerException : IpcException
{
    /// <summary>Creates the error for <paramref name="channel"/>.</summary>
    public IpcNoHandlerException(string channel, string message)
        : base(message)
    {
        Channel = channel;
    }
}
