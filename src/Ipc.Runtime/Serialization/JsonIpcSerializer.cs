using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ipc;

/// <summary>The default serializer: System.Text.Json with the options you give it.</summary>
/// <remarks>
/// For trimmed or native AOT applications, pass options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/>
/// is a <see cref="JsonSerializerContext"/> listing every argument and return type.
/// </remarks>
public sealed class JsonIpcSerializer : IIpcSerializer
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The shared instance with System.Text.Json's default options.</summary>
    public static JsonIpcSerializer Default { get; } = new();

    /// <summary>Creates a serializer with System.Text.Json's default (reflection-based) options.</summary>
    [RequiresUnreferencedCode("Reflection-based JSON serialization. Pass options with a JsonSerializerContext for trimmed applications.")]
    [RequiresDynamicCode("Reflection-based JSON serialization. Pass options with a JsonSerializerContext for native AOT.")]
    public JsonIpcSerializer()
        : this(new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() })
    {
    }

    /// <summary>Creates a serializer with <paramref name="options"/>; they are made read-only.</summary>
    public JsonIpcSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TypeInfoResolver is null)
        {
            throw new ArgumentException("The options need a TypeInfoResolver (a JsonSerializerContext, or DefaultJsonTypeInfoResolver).", nameof(options));
        }

        options.MakeReadOnly();
        Options = options;
    }

    /// <summary>The options in use.</summary>
    public JsonSerializerOptions Options { get; }

    /// <inheritdoc />
    public void Serialize(IBufferWriter<byte> destination, object? value)
    {
        Type type = value?.GetType() ?? typeof(object);
        Write(destination, value, Options.GetTypeInfo(type));
    }

    /// <inheritdoc />
    public void Serialize<T>(IBufferWriter<byte> destination, T value)
    {
        // A value typed as object or an interface is written with its runtime type, as untyped sends are.
        JsonTypeInfo info = value is not null && typeof(T) != value.GetType() && !typeof(T).IsValueType
            ? Options.GetTypeInfo(value.GetType())
            : Options.GetTypeInfo(typeof(T));
        Write(destination, value, info);
    }

    /// <inheritdoc />
    public T? Deserialize<T>(ReadOnlySpan<byte> data)
    {
        var info = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        return JsonSerializer.Deserialize(data, info);
    }

    private static void Write(IBufferWriter<byte> destination, object? value, JsonTypeInfo info)
    {
        Utf8JsonWriter writer = RentWriter(destination);
        try
        {
            JsonSerializer.Serialize(writer, value, info);
            writer.Flush();
        }
        finally
        {
            t_writer = writer;
        }
    }

    private static Utf8JsonWriter RentWriter(IBufferWriter<byte> destination)
    {
        Utf8JsonWriter? writer = t_writer;
        t_writer = null; // a converter that serializes re-entrantly gets a writer of its own
        if (writer is null)
        {
            return new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true });
        }

        writer.Reset(destination);
        return writer;
    }
}
