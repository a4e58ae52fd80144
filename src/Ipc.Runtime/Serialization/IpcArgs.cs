using System.Runtime.InteropServices;
using Ipc.Protocol;

namespace Ipc;

/// <summary>
/// The arguments a message arrived with. Each is deserialised when it is read, as the type the reader
/// asks for, so a listener pays only for what it uses.
/// </summary>
/// <remarks>
/// A <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c> or <c>Memory&lt;byte&gt;</c> argument travels as raw bytes between
/// two .NET ends (docs/transports.md). Read it as <c>byte[]</c> for a copy of its own, or as
/// <c>ReadOnlyMemory&lt;byte&gt;</c> to see the received bytes without a copy: that view is valid while the listener or
/// handler runs, so copy what you keep beyond it. Reading raw bytes as any other type throws
/// <see cref="IpcSerializationException"/>. Reading is thread-safe, but the arguments belong to one listener or handler
/// call: read them while it runs.
/// </remarks>
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

    /// <summary>
    /// True once these arguments were given to code that may keep them (an untyped listener): the frame they read from
    /// then stays theirs, and is never returned to a pool (<see cref="Connection.InboundMessage"/>).
    /// </summary>
    internal bool IsHandedOut { get; private set; }

    /// <summary>Marks these arguments as given to code that may keep them; see <see cref="IsHandedOut"/>.</summary>
    internal void HandOut() => IsHandedOut = true;

    /// <summary>How many arguments the sender passed.</summary>
    public int Count { get; }

    /// <summary>The channel the arguments arrived on.</summary>
    public string Channel { get; }

    /// <summary>Reads argument <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no argument at <paramref name="index"/>.</exception>
    /// <exception cref="IpcSerializationException">The argument cannot be read as <typeparamref name="T"/>.</exception>
    /// <typeparam name="T">The type to read the argument as.</typeparam>
    /// <param name="index">The argument's position, from 0.</param>
    /// <returns>The argument, deserialised anew on each call.</returns>
    public T? Get<T>(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The message on '{Channel}' has {Count} argument(s).");
        }

        try
        {
            (int offset, int length, bool isBinary) = ArgumentSection.Locate(_section.Span, index);
            return isBinary ? FromBytes<T>(index, _section.Slice(offset, length)) : _serializer.Deserialize<T>(_section.Span.Slice(offset, length));
        }
        catch (Exception e) when (e is not IpcException and not OutOfMemoryException)
        {
            throw new IpcSerializationException($"Argument {index} of '{Channel}' cannot be read as {typeof(T).FullName}: {e.Message}", Channel, e);
        }
    }

    /// <summary>Turns a raw-bytes argument into what the reader asked for; the checks on <typeparamref name="T"/> are constants once compiled.</summary>
    private T FromBytes<T>(int index, ReadOnlyMemory<byte> bytes)
    {
        if (typeof(T) == typeof(byte[]) || typeof(T) == typeof(object))
        {
            return (T)(object)bytes.ToArray();
        }

        if (typeof(T) == typeof(ReadOnlyMemory<byte>) || typeof(T) == typeof(ReadOnlyMemory<byte>?))
        {
            return (T)(object)bytes;
        }

        if (typeof(T) == typeof(Memory<byte>) || typeof(T) == typeof(Memory<byte>?))
        {
            return (T)(object)MemoryMarshal.AsMemory(bytes); // the frame is this end's own copy
        }

        throw new IpcSerializationException($"Argument {index} of '{Channel}' is {bytes.Length} raw bytes; read it as byte[], ReadOnlyMemory<byte> or Memory<byte>, not {typeof(T).FullName}.", Channel, innerException: null);
    }

    /// <summary>Reads argument <paramref name="index"/> as <typeparamref name="T"/>, or <paramref name="fallback"/> when the sender passed fewer arguments.</summary>
    /// <typeparam name="T">The type to read the argument as.</typeparam>
    /// <param name="index">The argument's position, from 0.</param>
    /// <param name="fallback">What to return when the sender passed fewer arguments.</param>
    /// <returns>The argument, or <paramref name="fallback"/>.</returns>
    /// <exception cref="IpcSerializationException">The argument exists but cannot be read as <typeparamref name="T"/>.</exception>
    public T? GetOrDefault<T>(int index, T? fallback = default) =>
        index >= 0 && index < Count ? Get<T>(index) : fallback;

    /// <summary>Validates an argument section and wraps it; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    internal static IpcArgs FromSection(string channel, ReadOnlyMemory<byte> section, IIpcSerializer serializer) =>
        new(channel, section, serializer, ArgumentSection.Validate(section.Span));
}
