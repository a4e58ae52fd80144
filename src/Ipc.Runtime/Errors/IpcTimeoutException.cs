namespace Ipc;

/// <summary>A call waited longer than its configured timeout for a reply. Its properties are set by the constructor only, so it is safe to read from any thread.</summary>
public sealed class IpcTimeoutException : IpcException
{
    /// <summary>Creates the error for <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel of the call.</param>
    /// <param name="timeout">How long the call waited.</param>
    public IpcTimeoutException(string channel, TimeSpan timeout)
        : base($"No reply on '{channel}' within {timeout.TotalMilliseconds:0} ms.", channel, innerException: null)
    {
        Timeout = timeout;
    }

    /// <summary>How long the call waited.</summary>
    public TimeSpan Timeout { get; }
}
