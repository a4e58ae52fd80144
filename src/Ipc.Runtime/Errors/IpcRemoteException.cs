namespace Ipc;

/// <summary>
/// A listener (answering a <see cref="IpcRenderer.SendSync{T}"/>) or a handler (answering an invocation) in the other
/// process threw; this carries the type name and message of what it threw, and its message says which of the two it was.
/// Its properties are set by the constructor only, so it is safe to read from any thread.
/// </summary>
public sealed class IpcRemoteException : IpcException
{
    /// <summary>Creates the error for a handler that threw, from the remote exception's type name and message.</summary>
    /// <param name="channel">The channel invoked.</param>
    /// <param name="remoteType">The full name of the exception type thrown on the other side.</param>
    /// <param name="remoteMessage">The message of the exception thrown on the other side.</param>
    public IpcRemoteException(string channel, string remoteType, string remoteMessage)
        : this($"The handler for '{channel}' threw {remoteType}: {remoteMessage}", channel, remoteType, remoteMessage)
    {
    }

    /// <summary>Creates the error with a message of its own, e.g. one that names a listener rather than a handler.</summary>
    /// <param name="message">What failed on the other side.</param>
    /// <param name="channel">The channel of the call.</param>
    /// <param name="remoteType">The full name of the exception type thrown on the other side.</param>
    /// <param name="remoteMessage">The message of the exception thrown on the other side.</param>
    public IpcRemoteException(string? message, string channel, string remoteType, string remoteMessage)
        : base(message, channel, innerException: null)
    {
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
    }

    /// <summary>The full name of the exception type thrown on the other side, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the exception thrown on the other side.</summary>
    public string RemoteMessage { get; }

    /// <summary>The error for a listener that threw while answering a sync message.</summary>
    internal static IpcRemoteException FromListener(string channel, string remoteType, string remoteMessage) =>
        new($"A listener for '{channel}' threw {remoteType}: {remoteMessage}", channel, remoteType, remoteMessage);
}
