using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Throughput;

/// <summary>
/// Suite 4: a batch of fire-and-forget messages from this process to a peer process, timed until the
/// peer has received the last one (a final drain request is answered only then, with the peer's count
/// and the bytes it allocated). IpcGen's <c>Send</c> against the raw framed socket (one write per
/// message, the floor) and StreamJsonRpc notifications (the peer). One operation is one batch; the
/// Msg/s and per-message columns divide by the batch size.
/// </summary>
[BenchmarkCategory("4-async-throughput")]
public class AsyncThroughputBenchmarks : CrossProcessBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private JsonRpc? _rpc;
    private long _batches;
    private long _receivedAfterFirst;
    private long _peerAllocatedAfterFirst;

    [Params(64, 1024, 64 * 1024)]
    public override int PayloadBytes { get; set; }

    /// <summary>
    /// Messages per batch: 100,000, or 10,000 at 64 KiB (640 MB per batch is enough to time); a tenth of
    /// that in quick mode.
    /// </summary>
    public int Messages => MessagesFor(PayloadBytes);

    public static int MessagesFor(int payloadBytes) =>
        (payloadBytes >= 64 * 1024 ? 10_000 : 100_000) / (BenchConfig.IsQuick ? 10 : 1);

    [GlobalSetup(Target = nameof(RawSocket))]
    public void SetupRaw()
    {
        StartPeer("raw", nameof(RawSocket));
        _raw = new RawFramedClient(Peer.Address);
        WarmUp(() => RawSocket());
    }

    [GlobalSetup(Target = nameof(IpcGenSend))]
    public void SetupIpcGen()
    {
        StartPeer("ipcgen", nameof(IpcGenSend));
        _renderer = Connections.ConnectIpcGen(Peer.Address, Peer.Token);
        WarmUp(() => IpcGenSend());
    }

    [GlobalSetup(Target = nameof(StreamJsonRpcNotify))]
    public void SetupJsonRpc()
    {
        StartPeer("jsonrpc", nameof(StreamJsonRpcNotify));
        _rpc = Connections.ConnectJsonRpc(Peer.Address);
        WarmUp(StreamJsonRpcNotify);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Extra["messages_per_op"] = Messages;
        Extra["batches"] = _batches;
        if (_receivedAfterFirst > 0)
        {
            Extra["recv_bytes_per_msg"] = (double)_peerAllocatedAfterFirst / _receivedAfterFirst;
        }

        Finish();
    }

    [Benchmark(Baseline = true, Description = "Raw framed socket (floor)")]
    public long RawSocket()
    {
        _raw!.Reset();
        for (int i = 0; i < Messages; i++)
        {
            _raw.Tick(Payload);
        }

        return Record(_raw.Drain());
    }

    [Benchmark(Description = "IpcGen Send")]
    public long IpcGenSend()
    {
        _renderer!.Send(PeerProtocol.Reset);
        for (int i = 0; i < Messages; i++)
        {
            _renderer.Send(PeerProtocol.Tick, Payload);
        }

        long[] result = _renderer.SendSync<long[]>(PeerProtocol.Drain)!;
        return Record(new BatchResult(result[0], result[1]));
    }

    [Benchmark(Description = "StreamJsonRpc notifications (peer)")]
    public async Task<long> StreamJsonRpcNotify()
    {
        await _rpc!.NotifyAsync("Reset").ConfigureAwait(false);
        for (int i = 0; i < Messages; i++)
        {
            await _rpc.NotifyAsync("Tick", Payload).ConfigureAwait(false);
        }

        long[] result = await _rpc.InvokeAsync<long[]>("Drain", (long)Messages).ConfigureAwait(false);
        return Record(new BatchResult(result[0], result[1]));
    }

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
    }

    private long Record(BatchResult result)
    {
        if (result.Received != Messages)
        {
            throw new InvalidOperationException($"The peer received {result.Received} of {Messages} messages.");
        }

        if (_batches++ > 0)
        {
            _receivedAfterFirst += result.Received;
            _peerAllocatedAfterFirst += result.AllocatedBytes;
        }

        return result.Received;
    }
}
