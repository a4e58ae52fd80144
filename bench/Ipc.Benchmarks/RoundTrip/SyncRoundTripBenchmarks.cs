using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using StreamJsonRpc;

namespace Ipc.Benchmarks.RoundTrip;

/// <summary>
/// Suite 2: a synchronous round trip from this process to a peer process — the request carries the
/// payload, the reply is "pong". IpcGen's <c>SendSync</c> (this process is a renderer connected to an
/// IpcGen main in the peer) against a blocking raw framed socket (the floor) and StreamJsonRpc's
/// <c>InvokeAsync</c> (the peer; it has no synchronous call).
/// </summary>
[BenchmarkCategory("2-sync-round-trip")]
public class SyncRoundTripBenchmarks : CrossProcessBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private JsonRpc? _rpc;

    [Params(64, 1024, 64 * 1024)]
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

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
    }
}
