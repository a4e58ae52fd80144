namespace Ipc;

/// <summary>
/// A value could not be serialised before sending, or a received value could not be read as the
/// requested type. Nothing was sent when this is thrown by a sending call.
/// Its properties are set by the constructor only, so it is safe to read from any thread.
/// </summary>
public sealed class IpcSerializationException : IpcException
{
    /// <summary>Creates the error with a default message.</summary>
    public IpcSerializationException()
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">Which value failed and why.</param>
    public IpcSerializationException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the serializer's own error.</summary>
    /// <param name="message">Which value failed and why.</param>
    /// <param name="innerException">The serializer's error, if any.</param>
    public IpcSerializationException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for a value sent or received on <paramref name="channel"/>.</summary>
    /// <param name="message">Which value failed and why.</param>
    /// <param name="channel">The channel of the message, if any.</param>
    /// <param name="innerException">The serializer's error, if any.</param>
    public IpcSerializationException(string? message, string? channel, Exception? innerException)
        : base(message, channel, innerException)
    {
    }
}
