using Grpc.Core;

namespace Ipc.Benchmarks.Peer.Grpc;

/// <summary>
/// The gRPC peer's calls, generated from bench.proto. The payload is decoded by the generated message
/// parser (a string or a ByteString), as an application's handler would receive it.
/// </summary>
internal sealed class BenchPeerService : BenchPeer.BenchPeerBase
{
    private static readonly TextMessage Pong = new() { Text = PeerProtocol.Pong };

    public override Task<TextMessage> Ping(TextMessage request, ServerCallContext context) => Task.FromResult(Pong);

    public override Task<TextMessage> PingBytes(BinaryMessage request, ServerCallContext context) => Task.FromResult(Pong);

    public override Task<BatchReply> SendText(IAsyncStreamReader<TextMessage> requestStream, ServerCallContext context) =>
        CountAsync(requestStream, context);

    public override Task<BatchReply> SendBytes(IAsyncStreamReader<BinaryMessage> requestStream, ServerCallContext context) =>
        CountAsync(requestStream, context);

    /// <summary>
    /// Reads a batch to its end: the call starts a batch (the other peers' reset) and its reply ends it (their
    /// drain), with the count and the bytes this process allocated while reading it.
    /// </summary>
    private static async Task<BatchReply> CountAsync<T>(IAsyncStreamReader<T> requestStream, ServerCallContext context)
    {
        var counter = new AllocationCounter();
        counter.Reset();
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            counter.Count();
        }

        BatchResult result = counter.Result();
        return new BatchReply { Received = result.Received, AllocatedBytes = result.AllocatedBytes };
    }
}
