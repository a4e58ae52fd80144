using System.Buffers;

namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>System.Text.Json, counting its writes and reads, and how often each string value is written.</summary>
public sealed class CountingSerializer : IIpcSerializer
{
    private readonly Dictionary<string, int> _strings = [];
    private int _writes;
    private int _reads;

    public int Writes => Volatile.Read(ref _writes);

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>How often <paramref name="value"/> was written.</summary>
    public int Count(string value)
    {
        lock (_strings)
        {
            return _strings.GetValueOrDefault(value);
        }
    }

    public void Serialize(IBufferWriter<byte> destination, object? value)
    {
        Note(value);
        JsonIpcSerializer.Default.Serialize(destination, value);
    }

    public void Serialize<T>(IBufferWriter<byte> destination, T value)
    {
        Note(value);
        JsonIpcSerializer.Default.Serialize(destination, value);
    }

    public T? Deserialize<T>(ReadOnlySpan<byte> data)
    {
        Interlocked.Increment(ref _reads);
        return JsonIpcSerializer.Default.Deserialize<T>(data);
    }

    private void Note<T>(T value)
    {
        Interlocked.Increment(ref _writes);
        if (value is string text)
        {
            lock (_strings)
            {
                _strings[text] = _strings.GetValueOrDefault(text) + 1;
            }
        }
    }
}
