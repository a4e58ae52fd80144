using System.Buffers.Binary;

namespace Ipc.Protocol;

/// <summary>
/// The arguments of a message: <c>count:i32</c>, then per argument <c>length:i32 + serialized bytes</c>.
/// Each argument is its own serializer payload, so the receiver deserialises only what it reads.
/// </summary>
internal static class ArgumentSection
{
    public static void Write(FrameBuilder builder, IIpcSerializer serializer, string channel, object?[]? args)
    {
        if (args is null)
        {
            // Send("ch", null) binds null to the params array; Electron would send one null argument.
            builder.WriteInt32(1);
            WriteValue(builder, serializer, channel, 0, null);
            return;
        }

        builder.WriteInt32(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            WriteValue(builder, serializer, channel, i, args[i]);
        }
    }

    public static void WriteValue(FrameBuilder builder, IIpcSerializer serializer, string channel, int index, object? value)
    {
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

    public static void WriteSingle<T>(FrameBuilder builder, IIpcSerializer serializer, string channel, T value)
    {
        builder.WriteInt32(1);
        int slot = builder.BeginLength();
        try
        {
            serializer.Serialize(builder, value);
        }
        catch (Exception e) when (e is not IpcException and not OutOfMemoryException)
        {
            throw CannotSerialize(channel, -1, value?.GetType() ?? typeof(T), e);
        }

        builder.EndLength(slot);
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
            int length = BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset));
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

    /// <summary>Finds argument <paramref name="index"/> in a section that <see cref="Validate"/> accepted.</summary>
    public static ReadOnlySpan<byte> Get(ReadOnlySpan<byte> section, int index)
    {
        int offset = 4;
        for (int i = 0; i < index; i++)
        {
            offset += 4 + BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset));
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(section.Slice(offset));
        return section.Slice(offset + 4, length);
    }

    private static IpcSerializationException CannotSerialize(string channel, int index, Type? type, Exception e)
    {
        string what = index < 0 ? "The return value" : $"Argument {index}";
        string typeName = type?.FullName ?? "null";
        return new IpcSerializationException($"{what} of '{channel}' ({typeName}) cannot be serialized; nothing was sent. {e.Message}", e)
        {
            Channel = channel,
        };
    }
}
