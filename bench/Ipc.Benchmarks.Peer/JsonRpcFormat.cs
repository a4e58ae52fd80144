using StreamJsonRpc;

namespace Ipc.Benchmarks.Peer;

/// <summary>The StreamJsonRpc configurations the benchmarks compare; both ends of a connection use the same one.</summary>
public enum JsonRpcFormat
{
    /// <summary>StreamJsonRpc's defaults: header-delimited messages, Newtonsoft.Json-based <see cref="JsonMessageFormatter"/>.</summary>
    Json,

    /// <summary>Length-prefixed messages, <see cref="MessagePackFormatter"/> (MessagePack-CSharp).</summary>
    MessagePack,

    /// <summary>Length-prefixed messages, <see cref="NerdbankMessagePackFormatter"/> (Nerdbank.MessagePack).</summary>
    NerdbankMessagePack,
}

/// <summary>Opens a <see cref="JsonRpc"/> on a stream in one of the <see cref="JsonRpcFormat"/>s, for the peer and the benchmark alike.</summary>
public static class JsonRpcWire
{
    /// <summary>
    /// The faster of the two MessagePack formatters here, the one the StreamJsonRpc MessagePack cases use
    /// (measured with the --loop runner; docs/benchmarks.md).
    /// </summary>
    public const JsonRpcFormat FastestMessagePack = JsonRpcFormat.MessagePack;

    /// <summary>The peer kind (Ipc.Benchmarks.Peer's argument) that serves <paramref name="format"/>.</summary>
    public static string PeerKind(JsonRpcFormat format) => format switch
    {
        JsonRpcFormat.MessagePack => "jsonrpc-msgpack",
        JsonRpcFormat.NerdbankMessagePack => "jsonrpc-nerdbank",
        _ => "jsonrpc",
    };

    /// <summary>Starts listening on <paramref name="stream"/>, serving <paramref name="target"/> when there is one.</summary>
    public static JsonRpc Attach(Stream stream, JsonRpcFormat format, object? target = null)
    {
        if (format == JsonRpcFormat.Json)
        {
            // Exactly what JsonRpc.Attach(stream) sets up.
            return JsonRpc.Attach(stream, target);
        }

        // The binary formatters need a length-prefixed handler: a header-delimited one would read text headers.
        IJsonRpcMessageFormatter formatter = format == JsonRpcFormat.MessagePack
            ? new MessagePackFormatter()
            : new NerdbankMessagePackFormatter
            {
                // The arguments are strings, byte arrays and longs; shapes made by reflection, once per type.
                TypeShapeProvider = PolyType.ReflectionProvider.ReflectionTypeShapeProvider.Default,
            };
        var rpc = new JsonRpc(new LengthHeaderMessageHandler(stream, stream, formatter));
        if (target is not null)
        {
            rpc.AddLocalRpcTarget(target);
        }

        rpc.StartListening();
        return rpc;
    }
}
