using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;
using StreamJsonRpc;

namespace Ipc.Benchmarks.RoundTrip;

/// <summary>
/// Suite 2: a synchronous round trip from this process to a peer process — the request carries the
/// payload, the reply is "pong". IpcGen's <c>SendSync</c> (this process is a renderer connected to an
/// IpcGen main in the peer) against a blocking raw framed socket (the floor), StreamJsonRpc's
/// <c>InvokeAsync</c> with its default JSON formatter and with its MessagePack formatter (it has no
/// synchronous call), and gRPC's blocking unary call over a Unix domain socket (the peers).
/// </summary>
[BenchmarkCategory("2-sync-round-trip")]
public class SyncRoundTripBenchmarks : CrossProcessBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private JsonRpc? _rpc;
    private JsonRpc? _rpcMessagePack;
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
        StartPeer(JsonRpcWire.PeerKind(MessagePackFormat), nameof(StreamJsonRpcMessagePackInvoke));
        _rpcMessagePack = Connections.ConnectJsonRpc(Peer.Address, MessagePackFormat);
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

    [Benchmark(Baseline = true, Description = "Raw framed socket, blocking (floor)")]
    public int RawSocket()
    {
        long started = LatencyRecorder.Start();
        int replyBytes = _raw!.PingSync(Payload);
        Latency.Stop(started);
        return replyBytes;
    }

    [Benchmark(Description = "IpcGen SendSync")]
    public string? IpcGenSendSync()
    {
        long started = LatencyRecorder.Start();
        string? reply = _renderer!.SendSync<string>(PeerProtocol.Ping, Payload);
        Latency.Stop(started);
        return reply;
    }

    [Benchmark(Description = "StreamJsonRpc InvokeAsync (peer)")]
    public async Task<string> StreamJsonRpcInvoke()
    {
        long started = LatencyRecorder.Start();
        string reply = await _rpc!.InvokeAsync<string>("Ping", Payload).ConfigureAwait(false);
        Latency.Stop(started);
        return reply;
    }

    [Benchmark(Description = "StreamJsonRpc MessagePack InvokeAsync (peer)")]
    public async Task<string> StreamJsonRpcMessagePackInvoke()
    {
        long started = LatencyRecorder.Start();
        string reply = await _rpcMessagePack!.InvokeAsync<string>("Ping", Payload).ConfigureAwait(false);
        Latency.Stop(started);
        return reply;
    }

    [Benchmark(Description = "gRPC unary call, blocking (peer)")]
    public string GrpcUnary()
    {
        long started = LatencyRecorder.Start();
        TextMessage reply = _grpc!.Client.Ping(new TextMessage { Text = Payload });
        Latency.Stop(started);
        return reply.Text;
    }

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
        _rpcMessagePack?.Dispose();
        _grpc?.Dispose();
    }
}
