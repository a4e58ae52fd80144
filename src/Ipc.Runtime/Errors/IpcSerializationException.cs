namespace Ipc;

/// <summary>
/// A value could not be serialised before sending, or a received value could not be read as the
/// requested type. Nothing was sent when this is thrown by a sending call.
/// </summary>
public sealed class IpcSerializationException : IpcException
{
    /// <summary>Creates the error.</summary>
    public IpcSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
