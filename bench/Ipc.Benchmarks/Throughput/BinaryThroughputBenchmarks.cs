using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Throughput;

/// <summary>
/// Suite 4b: the throughput batches of suite 4 with large <c>byte[]</c> payloads. The raw framed socket copies
/// the bytes into its frame (the floor); IpcGen (untyped and typed) and StreamJsonRpc's default formatter carry
/// them as JSON (base64); StreamJsonRpc's MessagePack formatter and gRPC's client stream as binary.
/// </summary>
[BenchmarkCategory("4b-binary-throughput")]
public class BinaryThroughputBenchmarks : ThroughputBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private IThroughputPeer? _typed;
    private JsonRpc? _rpc;
    private GrpcConnection? _grpc;

    [Params(64 * 1024, PeerProtocol.MaxPayloadBytes)]
    public override int PayloadBytes { get; set; }

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
        StartPeer(JsonRpcWire.PeerKind(JsonRpcWire.FastestMessagePack), nameof(StreamJsonRpcMessagePackNotify));
        _rpc = Connections.ConnectJsonRpc(Peer.Address, JsonRpcWire.FastestMessagePack);
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

    [Benchmark(Baseline = true, Description = "Raw framed socket, bytes (floor)")]
    public long RawSocket()
    {
        _raw!.Reset();
        for (int i = 0; i < Messages; i++)
        {
            _raw.Tick(BinaryPayload);
        }

        return Record(_raw.Drain());
    }

    [Benchmark(Description = "IpcGen Send, byte[]")]
    public long IpcGenSend()
    {
        _renderer!.Send(PeerProtocol.Reset);
        for (int i = 0; i < Messages; i++)
        {
            _renderer.Send(PeerProtocol.TickBytes, BinaryPayload);
        }

        return Record(BatchDrain.IpcGen(_renderer));
    }

    [Benchmark(Description = "IpcGen typed Send, byte[]")]
    public long IpcGenTypedSend()
    {
        _renderer!.Send(PeerProtocol.Reset);
        for (int i = 0; i < Messages; i++)
        {
            _typed!.TickBytes(BinaryPayload);
        }

        return Record(BatchDrain.IpcGen(_renderer));
    }

    [Benchmark(Description = "StreamJsonRpc notifications, byte[] (peer)")]
    public Task<long> StreamJsonRpcNotify() => NotifyBatchAsync();

    [Benchmark(Description = "StreamJsonRpc MessagePack notifications, byte[] (peer)")]
    public Task<long> StreamJsonRpcMessagePackNotify() => NotifyBatchAsync();

    /// <summary>The bytes wrapped, not copied, into each message, as in the binary round trip.</summary>
    [Benchmark(Description = "gRPC client stream, bytes (peer)")]
    public async Task<long> GrpcClientStream()
    {
        ByteString payload = UnsafeByteOperations.UnsafeWrap(BinaryPayload);
        BatchResult result = await GrpcConnection.StreamAsync(_grpc!.Client.SendBytes(), () => new BinaryMessage { Data = payload }, Messages).ConfigureAwait(false);
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
            await _rpc.NotifyAsync("TickBytes", BinaryPayload).ConfigureAwait(false);
        }

        return Record(await BatchDrain.JsonRpcAsync(_rpc, Messages).ConfigureAwait(false));
    }
}
