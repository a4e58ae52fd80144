namespace Ipc;

/// <summary>A message is larger than the connection's maximum message size. Nothing was sent.</summary>
public sealed class IpcMessageTooLargeException : IpcException
{
    /// <summary>Creates the error.</summary>
    public IpcMessageTooLargeException(string channel, long size, int maximum)
        : base($"The message on '{channel}' is {size} bytes, above the maximum of {maximum} bytes (IpcOptions.MaxMessageSize).")
    {
        Channel = channel;
        Size = size;
        Maximum = maximum;
    }

    /// <summary>The encoded size of the rejected message, in bytes.</summary>
    public long Size { get; }

    /// <summary>The maximum message size in force, in bytes.</summary>
    public int Maximum { get; }
}
