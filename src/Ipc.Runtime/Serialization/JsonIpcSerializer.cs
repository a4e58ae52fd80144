using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ipc;

/// <summary>The default serializer: System.Text.Json with the options you give it.</summary>
/// <remarks>
/// For trimmed or native AOT applications, pass options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/>
/// is a <see cref="JsonSerializerContext"/> listing every argument and return type. Thread-safe: its options are
/// read-only, and one instance may serve every endpoint.
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
    /// <param name="options">The System.Text.Json options; they are made read-only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
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
        // A value typed as object or an interface (or a base class) is written with its runtime type, as untyped sends are.
        if (!typeof(T).IsValueType && value is not null && value.GetType() != typeof(T))
        {
            Write(destination, value, Options.GetTypeInfo(value.GetType()));
            return;
        }

        Write(destination, value, EntryOf<T>().Info);
    }

    /// <inheritdoc />
    public T? Deserialize<T>(ReadOnlySpan<byte> data)
    {
        TypeInfoCache<T>.Entry entry = EntryOf<T>();
        if (entry.ReadsDirectly && JsonPrimitives.TryRead(data, out T? value))
        {
            return value;
        }

        return JsonSerializer.Deserialize(data, entry.Info);
    }

    /// <summary>
    /// <typeparamref name="T"/>'s metadata under these options, and whether its values may be read directly (from the application's <see cref="JsonSerializerContext"/>
    /// when the options carry one), looked up once and then read from a static field: a typed send or read costs no
    /// lookup by type. One entry per type, for the options that used it last, since an application has one serializer
    /// or very few; another serializer's options replace it, and the lookup is made again.
    /// </summary>
    private TypeInfoCache<T>.Entry EntryOf<T>()
    {
        TypeInfoCache<T>.Entry? entry = TypeInfoCache<T>.Last;
        if (entry is not null && ReferenceEquals(entry.Options, Options))
        {
            return entry;
        }

        var info = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        entry = new TypeInfoCache<T>.Entry(Options, info, JsonPrimitives.ReadsDirectly(info));
        TypeInfoCache<T>.Last = entry;
        return entry;
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

    private static void Write<T>(IBufferWriter<byte> destination, T value, JsonTypeInfo<T> info)
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

    /// <summary>The metadata of <typeparamref name="T"/> for the options that asked last; one immutable entry, swapped whole.</summary>
    private static class TypeInfoCache<T>
    {
        public static volatile Entry? Last;

        public sealed class Entry(JsonSerializerOptions options, JsonTypeInfo<T> info, bool readsDirectly)
        {
            public JsonSerializerOptions Options { get; } = options;

            public JsonTypeInfo<T> Info { get; } = info;

            /// <summary>True when <see cref="JsonPrimitives"/> may read <typeparamref name="T"/> before System.Text.Json does.</summary>
            public bool ReadsDirectly { get; } = readsDirectly;
        }
    }
}
