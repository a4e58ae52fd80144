using System.Buffers.Binary;

namespace Ipc.Protocol;

/// <summary>
/// The arguments of a message: <c>count:i32</c>, then per argument <c>length:i32 + bytes</c>. Each argument is its own
/// serializer payload, so the receiver deserialises only what it reads; or, where both ends agreed to binary arguments
/// (<see cref="Transport.Handshake.Features.BinaryArguments"/>), a <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c> or
/// <c>Memory&lt;byte&gt;</c> argument is its bytes as they are, its length written as <c>~length</c> (negative), so
/// that no serializer's output can be mistaken for it.
/// </summary>
internal static class ArgumentSection
{
    public static void Write(FrameBuilder builder, IIpcSerializer serializer, string channel, object?[]? args, bool binary = false)
    {
        if (args is null)
        {
            // Send("ch", null) binds null to the params array; Electron would send one null argument.
            builder.WriteInt32(1);
            WriteValue(builder, serializer, channel, 0, null, binary);
            return;
        }

        builder.WriteInt32(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            WriteValue(builder, serializer, channel, i, args[i], binary);
        }
    }

    public static void WriteValue(FrameBuilder builder, IIpcSerializer serializer, string channel, int index, object? value, bool binary = false)
    {
        if (binary && TryGetBytes(value, out ReadOnlySpan<byte> bytes))
        {
            WriteBytes(builder, bytes);
            return;
        }

        int slot = builder.BeginLength();
        try
        {
            serializer.Serialize(builder, value);
        }
        catch (Exception e) when (e is not IpcException and not OutOfMemoryException)
        {
            throw CannotSerialize(channel, index, value?.GetType(), e);
        }

        builder.EndLength(slot);
    }

    /// <summary>
    /// Writes argument <paramref name="index"/> as its declared type <typeparamref name="T"/> (generated senders): no box
    /// for a value type, and the serializer's <see cref="IIpcSerializer.Serialize{T}"/> rather than a lookup by runtime type.
    /// </summary>
    public static void WriteTyped<T>(FrameBuilder builder, IIpcSerializer serializer, string channel, int index, T value, bool binary)
    {
        if (binary && TryGetBytes(value, out ReadOnlySpan<byte> bytes))
        {
            WriteBytes(builder, bytes);
            return;
        }

        WriteSerialized(builder, serializer, channel, index, value);
    }

    /// <summary>Writes <paramref name="value"/> as a serializer payload behind its length, never as raw bytes.</summary>
    public static void WriteSerialized<T>(FrameBuilder builder, IIpcSerializer serializer, string channel, int index, T value)
    {
        int slot = builder.BeginLength();
        try
        {
            serializer.Serialize(builder, value);
        }
        catch (Exception e) when (e is not IpcException and not OutOfMemoryException)
        {
            throw CannotSerialize(channel, index, value?.GetType() ?? typeof(T), e);
        }

        builder.EndLength(slot);
    }

    /// <summary>True when <typeparamref name="T"/>'s value would travel as raw bytes where the connection agreed to them.</summary>
    public static bool IsBinary<T>(T value) => TryGetBytes(value, out _);

    /// <summary>Writes raw bytes as an argument: the length as <c>~length</c>, then the bytes.</summary>
    public static void WriteBinary<T>(FrameBuilder builder, T value)
    {
        bool isBinary = TryGetBytes(value, out ReadOnlySpan<byte> bytes);
        System.Diagnostics.Debug.Assert(isBinary, "Only binary values are written raw.");
        WriteBytes(builder, bytes);
    }

    /// <summary>A section of one value, a reply's (index -1 names it "the return value" in an error).</summary>
    public static void WriteSingle<T>(FrameBuilder builder, IIpcSerializer serializer, string channel, T value, bool binary = false)
    {
        builder.WriteInt32(1);
        WriteTyped(builder, serializer, channel, -1, value, binary);
    }

    /// <summary>Checks the section's structure and returns its argument count.</summary>
    public static int Validate(ReadOnlySpan<byte> section)
    {
        if (section.Length < 4)
        {
            throw new InvalidDataException("The argument section is cut off.");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(section);
        if (count < 0 || count > (section.Length - 4) / 4)
        {
            throw new InvalidDataException($"The argument section announces {count} arguments in {section.Length} bytes.");
        }

        int offset = 4;
        for (int i = 0; i < count; i++)
        {
            int length = LengthOf(BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset)));
            offset += 4;
            if (length < 0 || length > section.Length - offset || (i < count - 1 && section.Length - offset - length < 4))
            {
                throw new InvalidDataException($"Argument {i} announces {length} bytes, more than the frame holds.");
            }

            offset += length;
        }

        if (offset != section.Length)
        {
            throw new InvalidDataException($"{section.Length - offset} bytes trail the argument section.");
        }

        return count;
    }

    /// <summary>
    /// Finds argument <paramref name="index"/> in a section that <see cref="Validate"/> accepted: where its bytes start,
    /// how many there are, and whether they are raw bytes rather than a serializer payload.
    /// </summary>
    public static (int Offset, int Length, bool IsBinary) Locate(ReadOnlySpan<byte> section, int index)
    {
        int offset = 4;
        for (int i = 0; i < index; i++)
        {
            offset += 4 + LengthOf(BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset)));
        }

        int written = BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset));
        return (offset + 4, LengthOf(written), written < 0);
    }

    /// <summary>The bytes a length field announces: <c>~written</c> for raw bytes (negative), else the field itself; int.MinValue announces too many.</summary>
    private static int LengthOf(int written) => written >= 0 ? written : written == int.MinValue ? -1 : ~written;

    /// <summary>The bytes of a binary value, without a copy.</summary>
    private static bool TryGetBytes<T>(T value, out ReadOnlySpan<byte> bytes)
    {
        switch (value)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> memory:
                bytes = memory.Span;
                return true;
            case Memory<byte> memory:
                bytes = memory.Span;
                return true;
            default:
                bytes = default;
                return false;
        }
    }

    private static void WriteBytes(FrameBuilder builder, ReadOnlySpan<byte> bytes)
    {
        builder.WriteInt32(~bytes.Length);
        bytes.CopyTo(builder.GetSpan(bytes.Length));
        builder.Advance(bytes.Length);
    }

    private static IpcSerializationException CannotSerialize(string channel, int index, Type? type, Exception e)
    {
        string what = index < 0 ? "The return value" : $"Argument {index}";
        string typeName = type?.FullName ?? "null";
        return new IpcSerializationException($"{what} of '{channel}' ({typeName}) cannot be serialized; nothing was sent. {e.Message}", channel, e);
    }
}
