namespace Ipc.Protocol;

/// <summary>
/// The argument section of a typed broadcast or invoke-all, serialised once for every renderer: each renderer's frame
/// is its own header around a copy of it (<see cref="Outbox.BuildAround"/>). Connections that agreed to binary
/// arguments get raw bytes for <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c> and <c>Memory&lt;byte&gt;</c>, the others
/// the serializer's payload, so a section with such an argument is kept in both forms; one without keeps one.
/// Used on the sending thread only; <see cref="Return"/> gives the buffers back.
/// </summary>
internal sealed class BroadcastSection
{
    private readonly FrameBuilder _serialized = FrameBuilder.Rent();
    private FrameBuilder? _raw;
    private int _count;

    public BroadcastSection() => _serialized.WriteInt32(0); // the count, filled in by End

    /// <summary>How many arguments were written so far: the index of the next one.</summary>
    public int Count => _count;

    public void Write<T>(IIpcSerializer serializer, string channel, T value)
    {
        int index = _count++;
        if (ArgumentSection.IsBinary(value))
        {
            _raw ??= CopyOf(_serialized);
            ArgumentSection.WriteBinary(_raw, value);
            ArgumentSection.WriteSerialized(_serialized, serializer, channel, index, value);
            return;
        }

        int start = _serialized.Frame.Length;
        ArgumentSection.WriteSerialized(_serialized, serializer, channel, index, value);
        _raw?.Write(_serialized.Frame[start..]);
    }

    /// <summary>Fills in the argument count once the last argument is written.</summary>
    public void End()
    {
        _serialized.WriteInt32At(Framing.PrefixSize, _count);
        _raw?.WriteInt32At(Framing.PrefixSize, _count);
    }

    /// <summary>The section for a connection that did, or did not, agree to binary arguments.</summary>
    public ReadOnlySpan<byte> For(bool binaryArguments) => (binaryArguments && _raw is not null ? _raw : _serialized).Frame;

    public void Return()
    {
        _raw?.Return();
        _serialized.Return();
    }

    private static FrameBuilder CopyOf(FrameBuilder source)
    {
        FrameBuilder copy = FrameBuilder.Rent();
        copy.Write(source.Frame);
        return copy;
    }
}
