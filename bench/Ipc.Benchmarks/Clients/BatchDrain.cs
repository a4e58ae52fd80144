using Ipc.Benchmarks.Peer;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Clients;

/// <summary>The end of a throughput batch: a request the peer answers only once it has received the whole batch.</summary>
internal static class BatchDrain
{
    /// <summary>IpcGen: a sync call, answered after every earlier message (one renderer's messages run in order).</summary>
    public static BatchResult IpcGen(IpcRenderer renderer)
    {
        long[] result = renderer.SendSync<long[]>(PeerProtocol.Drain)!;
        return new BatchResult(result[0], result[1]);
    }

    /// <summary>StreamJsonRpc: a request the peer answers once <paramref name="messages"/> notifications have run (it may run them concurrently with the request).</summary>
    public static async Task<BatchResult> JsonRpcAsync(JsonRpc rpc, int messages)
    {
        long[] result = await rpc.InvokeAsync<long[]>("Drain", (long)messages).ConfigureAwait(false);
        return new BatchResult(result[0], result[1]);
    }
}
