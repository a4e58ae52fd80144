using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;
using StreamJsonRpc;

namespace Ipc.Benchmarks.RoundTrip;

/// <summary>
/// Suite 2b: the synchronous round trip of suite 2 with a large <c>byte[]</c> payload (the reply is "pong"),
/// where the cost of carrying bytes decides: the raw framed socket copies them into its frame (the floor);
/// IpcGen and StreamJsonRpc's default formatter write them through JSON (base64); StreamJsonRpc's MessagePack
/// formatter and gRPC as binary.
/// </summary>
[BenchmarkCategory("2b-binary-sync-round-trip")]
public class BinarySyncRoundTripBenchmarks : CrossProcessBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
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

    [GlobalSetup(Target = nameof(IpcGenSendSync))]
    public void SetupIpcGen()
    {
        StartPeer("ipcgen", nameof(IpcGenSendSync));
        _renderer = Connections.ConnectIpcGen(Peer.Address, Peer.Token);
        WarmUp(IpcGenSendSync);
    }

    [GlobalSetup(Target = nameof(StreamJsonRpcInvoke))]
    public void SetupJsonRpc()
    {
        StartPeer("jsonrpc", nameof(StreamJsonRpcInvoke));
        _rpc = Connections.ConnectJsonRpc(Peer.Address);
        WarmUp(StreamJsonRpcInvoke);
    }

    [GlobalSetup(Target = nameof(StreamJsonRpcMessagePackInvoke))]
    public void SetupJsonRpcMessagePack()
    {
        StartPeer(JsonRpcWire.PeerKind(JsonRpcWire.FastestMessagePack), nameof(StreamJsonRpcMessagePackInvoke));
        _rpc = Connections.ConnectJsonRpc(Peer.Address, JsonRpcWire.FastestMessagePack);
        WarmUp(StreamJsonRpcMessagePackInvoke);
    }

    [GlobalSetup(Target = nameof(GrpcUnary))]
    public void SetupGrpc()
    {
        StartPeer("grpc", nameof(GrpcUnary));
        _grpc = new GrpcConnection(Peer.Address);
        WarmUp(GrpcUnary);
    }

    [GlobalCleanup]
    public void Cleanup() => Finish();

    [Benchmark(Baseline = true, Description = "Raw framed socket, blocking, bytes (floor)")]
    public int RawSocket()
    {
        long started = LatencyRecorder.Start();
        int replyBytes = _raw!.PingSync(BinaryPayload);
        Latency.Stop(started);
        return replyBytes;
    }

    [Benchmark(Description = "IpcGen SendSync, byte[]")]
    public string? IpcGenSendSync()
    {
        long started = LatencyRecorder.Start();
        string? reply = _renderer!.SendSync<string>(PeerProtocol.PingBytes, BinaryPayload);
        Latency.Stop(started);
        return reply;
    }

    [Benchmark(Description = "StreamJsonRpc InvokeAsync, byte[] (peer)")]
    public Task<string> StreamJsonRpcInvoke() => InvokeAsync();

    [Benchmark(Description = "StreamJsonRpc MessagePack InvokeAsync, byte[] (peer)")]
    public Task<string> StreamJsonRpcMessagePackInvoke() => InvokeAsync();

    /// <summary>
    /// The bytes wrapped, not copied, into the request (UnsafeByteOperations.UnsafeWrap): what Microsoft's gRPC
    /// performance guidance recommends for binary payloads.
    /// </summary>
    [Benchmark(Description = "gRPC unary call, blocking, bytes (peer)")]
    public string GrpcUnary()
    {
        long started = LatencyRecorder.Start();
        TextMessage reply = _grpc!.Client.PingBytes(new BinaryMessage { Data = UnsafeByteOperations.UnsafeWrap(BinaryPayload) });
        Latency.Stop(started);
        return reply.Text;
    }

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
        _grpc?.Dispose();
    }

    private async Task<string> InvokeAsync()
    {
        long started = LatencyRecorder.Start();
        string reply = await _rpc!.InvokeAsync<string>("PingBytes", BinaryPayload).ConfigureAwait(false);
        Latency.Stop(started);
        return reply;
    }
}
