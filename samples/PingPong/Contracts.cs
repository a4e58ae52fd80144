using System.Text.Json;
using System.Text.Json.Serialization;
using Ipc;

namespace PingPong;

/// <summary>What the renderer sends to main: Electron's "asynchronous-message" and "synchronous-message".</summary>
[IpcChannel]
public interface IPingPong
{
    /// <summary>Fire and forget; main answers on <see cref="IPingPongReplies.AsynchronousReply"/>.</summary>
    void AsynchronousMessage(string arg);

    /// <summary>Blocks the renderer until main sets <c>ReturnValue</c>.</summary>
    string SynchronousMessage(string arg);
}

/// <summary>What main sends to a renderer: Electron's "asynchronous-reply", and a question Electron cannot ask.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongReplies
{
    /// <summary>The answer to <see cref="IPingPong.AsynchronousMessage"/>.</summary>
    void AsynchronousReply(string arg);

    /// <summary>Main asks the renderer how it is; the renderer's handler answers.</summary>
    Task<string> Status(CancellationToken ct = default);
}

/// <summary>
/// The types the ping/pong channels carry, for System.Text.Json's source generator: with it no reflection
/// is needed, so the sample also publishes as a native AOT binary (docs/aot.md).
/// </summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PingPongJson : JsonSerializerContext
{
}

/// <summary>The serializer both processes use.</summary>
/// <remarks>
/// A class of its own: a static initializer inside the partial context class could run before the
/// generated one that creates <c>PingPongJson.Default</c>, and would see it null.
/// </remarks>
internal static class PingPongSerializer
{
    public static JsonIpcSerializer Instance { get; } = new(new JsonSerializerOptions { TypeInfoResolver = PingPongJson.Default });
}
