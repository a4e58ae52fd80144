using System.Buffers;

namespace Ipc;

/// <summary>
/// Turns message arguments and return values into bytes and back. Every transport, the in-process one
/// included, goes through it, so a receiver always gets a copy.
/// </summary>
public interface IIpcSerializer
{
    /// <summary>Writes <paramref name="value"/> using its runtime type.</summary>
    void Serialize(IBufferWriter<byte> destination, object? value);

    /// <summary>Writes <paramref name="value"/> as <typeparamref name="T"/>.</summary>
    void Serialize<T>(IBufferWriter<byte> destination, T value);

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="data"/>.</summary>
    T? Deserialize<T>(ReadOnlySpan<byte> data);
}
