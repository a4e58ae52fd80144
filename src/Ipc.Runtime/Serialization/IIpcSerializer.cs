using System.Buffers;

namespace Ipc;

/// <summary>
/// Turns message arguments and return values into bytes and back. Every transport, the in-process one
/// included, goes through it, so a receiver always gets a copy. Implementations must be thread-safe: one instance
/// serves every connection of an endpoint, on the senders' threads and the dispatcher alike.
/// </summary>
public interface IIpcSerializer
{
    /// <summary>Writes <paramref name="value"/> using its runtime type.</summary>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="value">The value; null is allowed.</param>
    void Serialize(IBufferWriter<byte> destination, object? value);

    /// <summary>Writes <paramref name="value"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The declared type to write the value as.</typeparam>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="value">The value; null is allowed.</param>
    void Serialize<T>(IBufferWriter<byte> destination, T value);

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="data"/>.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="data">The bytes one <c>Serialize</c> call wrote.</param>
    /// <returns>The value read.</returns>
    T? Deserialize<T>(ReadOnlySpan<byte> data);
}
