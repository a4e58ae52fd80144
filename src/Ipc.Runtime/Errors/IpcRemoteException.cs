namespace Ipc;

/// <summary>A listener or handler in the other process threw; this carries what it threw.</summary>
public sealed class IpcRemoteException : IpcException
{
    /// <summary>Creates the error from the remote exception's type name and message.</summary>
    public IpcRemoteException(string channel, string remoteType, string remoteMessage)
        : base($"The handler for '{channel}' threw {remoteType}: {remoteMessage}")
    {
        Channel = channel;
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
    }

    /// <summary>The full name of the exception type thrown on the other side, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the exception thrown on the other side.</summary>
    public string RemoteMessage { get; }
}
