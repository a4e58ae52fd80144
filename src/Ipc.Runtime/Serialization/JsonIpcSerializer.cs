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

    /// <summary>
    /// Creates a serializer with System.Text.Json's default options: reflection-based, unless the
    /// application turned reflection off (native AOT does), in which case pass a <see cref="JsonSerializerContext"/>.
    /// </summary>
    public JsonIpcSerializer()
        : this(new JsonSerializerOptions())
    {
    }

    /// <summary>
    /// Creates a serializer with <paramref name="options"/>, which are made read-only. Options without a
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/> get System.Text.Json's default one.
    /// </summary>
    public JsonIpcSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TypeInfoResolver is null && !options.IsReadOnly)
        {
            options.TypeInfoResolver = DefaultResolver();
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

    /// <summary>
    /// Reflection when the application allows it (<see cref="JsonSerializer.IsReflectionEnabledByDefault"/>,
    /// a feature switch the trimmer honours); otherwise a resolver that knows no type, so that every
    /// unlisted type fails with System.Text.Json's message naming the missing <see cref="JsonSerializerContext"/> entry.
    /// </summary>
    private static IJsonTypeInfoResolver DefaultResolver() =>
        JsonSerializer.IsReflectionEnabledByDefault ? CreateReflectionResolver() : JsonTypeInfoResolver.Combine();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only while System.Text.Json reflection is enabled; trimmed and AOT applications disable it and pass a JsonSerializerContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reached only while System.Text.Json reflection is enabled; trimmed and AOT applications disable it and pass a JsonSerializerContext.")]
    private static IJsonTypeInfoResolver CreateReflectionResolver() => new DefaultJsonTypeInfoResolver();

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
