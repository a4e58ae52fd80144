using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Throughput;

/// <summary>
/// Suite 4: a batch of fire-and-forget text messages from this process to a peer process, timed until the
/// peer has received the last one (a final drain request is answered only then, with the peer's count and
/// the bytes it allocated). IpcGen's <c>Send</c>, untyped and through a generated typed sender, against the
/// raw framed socket (one write per message, the floor), StreamJsonRpc notifications with its default JSON
/// formatter and with its MessagePack formatter, and a gRPC client-streaming call over a Unix domain socket
/// (the peers; the call's end is the drain).
/// </summary>
[BenchmarkCategory("4-async-throughput")]
public class AsyncThroughputBenchmarks : ThroughputBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private IThroughputPeer? _typed;
    private JsonRpc? _rpc;
    private GrpcConnection? _grpc;

    [Params(64, 1024, 64 * 1024)]
    public override int PayloadBytes { get; set; }

    /// <summary>Which MessagePack formatter the StreamJsonRpc MessagePack case uses (the faster one; --loop can try the other).</summary>
    internal JsonRpcFormat MessagePackFormat { get; set; } = JsonRpcWire.FastestMessagePack;

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

    [GlobalSetup(Target = nameof(IpcGenTypedSend))]
    public void SetupIpcGenTyped()
    {
        StartPeer("ipcgen", nameof(IpcGenTypedSend));
        _renderer = Connections.ConnectIpcGen(Peer.Address, Peer.Token);
        _typed = _renderer.ThroughputPeer();
        WarmUp(() => IpcGenTypedSend());
    }

    [GlobalSetup(Target = nameof(StreamJsonRpcNotify))]
    public void SetupJsonRpc()
    {
        StartPeer("jsonrpc", nameof(StreamJsonRpcNotify));
        _rpc = Connections.ConnectJsonRpc(Peer.Address);
        WarmUp(StreamJsonRpcNotify);
    }

    [GlobalSetup(Target = nameof(StreamJsonRpcMessagePackNotify))]
    public void SetupJsonRpcMessagePack()
    {
        StartPeer(JsonRpcWire.PeerKind(MessagePackFormat), nameof(StreamJsonRpcMessagePackNotify));
        _rpc = Connections.ConnectJsonRpc(Peer.Address, MessagePackFormat);
        WarmUp(StreamJsonRpcMessagePackNotify);
    }

    [GlobalSetup(Target = nameof(GrpcClientStream))]
    public void SetupGrpc()
    {
        StartPeer("grpc", nameof(GrpcClientStream));
        _grpc = new GrpcConnection(Peer.Address);
        WarmUp(GrpcClientStream);
    }

    [GlobalCleanup]
    public void Cleanup() => FinishBatches();

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

        return Record(BatchDrain.IpcGen(_renderer));
    }

    /// <summary>The generated sender of <see cref="IThroughputPeer"/>: its Send B/msg is what a typed Send allocates.</summary>
    [Benchmark(Description = "IpcGen typed Send")]
    public long IpcGenTypedSend()
    {
        _renderer!.Send(PeerProtocol.Reset);
        for (int i = 0; i < Messages; i++)
        {
            _typed!.Tick(Payload);
        }

        return Record(BatchDrain.IpcGen(_renderer));
    }

    [Benchmark(Description = "StreamJsonRpc notifications (peer)")]
    public Task<long> StreamJsonRpcNotify() => NotifyBatchAsync();

    [Benchmark(Description = "StreamJsonRpc MessagePack notifications (peer)")]
    public Task<long> StreamJsonRpcMessagePackNotify() => NotifyBatchAsync();

    [Benchmark(Description = "gRPC client stream (peer)")]
    public async Task<long> GrpcClientStream()
    {
        string payload = Payload;
        BatchResult result = await GrpcConnection.StreamAsync(_grpc!.Client.SendText(), () => new TextMessage { Text = payload }, Messages).ConfigureAwait(false);
        return Record(result);
    }

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
        _grpc?.Dispose();
    }

    private async Task<long> NotifyBatchAsync()
    {
        await _rpc!.NotifyAsync("Reset").ConfigureAwait(false);
        for (int i = 0; i < Messages; i++)
        {
            await _rpc.NotifyAsync("Tick", Payload).ConfigureAwait(false);
        }

        return Record(await BatchDrain.JsonRpcAsync(_rpc, Messages).ConfigureAwait(false));
    }
}
