using Ipc.Protocol;

namespace Ipc;

/// <summary>
/// The arguments a message arrived with. Each is deserialised when it is read, as the type the reader
/// asks for, so a listener pays only for what it uses.
/// </summary>
public sealed class IpcArgs
{
    private readonly ReadOnlyMemory<byte> _section;
    private readonly IIpcSerializer _serializer;

    internal IpcArgs(string channel, ReadOnlyMemory<byte> section, IIpcSerializer serializer, int count)
    {
        Channel = channel;
        _section = section;
        _serializer = serializer;
        Count = count;
    }

    /// <summary>How many arguments the sender passed.</summary>
    public int Count { get; }

    /// <summary>The channel the arguments arrived on.</summary>
    public string Channel { get; }

    /// <summary>Reads argument <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no argument at <paramref name="index"/>.</exception>
    /// <exception cref="IpcSerializationException">The argument cannot be read as <typeparamref name="T"/>.</exception>
    public T? Get<T>(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The message on '{Channel}' has {Count} argument(s).");
        }

        try
        {
            return _serializer.Deserialize<T>(ArgumentSection.Get(_section.Span, index));
        }
        catch (Exception e) when (e is not IpcException and not OutOfMemoryException)
        {
            throw new IpcSerializationException($"Argument {index} of '{Channel}' cannot be read as {typeof(T).FullName}: {e.Message}", e)
            {
                Channel = Channel,
            };
        }
    }

    /// <summary>Reads argument <paramref name="index"/> as <typeparamref name="T"/>, or <paramref name="fallback"/> when the sender passed fewer arguments.</summary>
    public T? GetOrDefault<T>(int index, T? fallback = default) =>
        index >= 0 && index < Count ? Get<T>(index) : fallback;

    /// <summary>Validates an argument section and wraps it; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    internal static IpcArgs FromSection(string channel, ReadOnlyMemory<byte> section, IIpcSerializer serializer) =>
        new(channel, section, serializer, ArgumentSection.Validate(section.Span));
}
