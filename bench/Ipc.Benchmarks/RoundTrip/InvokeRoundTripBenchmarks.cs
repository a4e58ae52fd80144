using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Clients;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.Peer.Grpc;
using StreamJsonRpc;

namespace Ipc.Benchmarks.RoundTrip;

/// <summary>
/// Suite 3: an asynchronous request/reply from this process to a peer process. IpcGen's
/// <c>InvokeAsync</c> in both directions — a renderer invoking main, and main invoking a renderer
/// (<see cref="IpcSender.InvokeAsync{T}(string, object?[])"/>, this process being main) — against the raw
/// framed socket driven through its asynchronous stream API (the floor), StreamJsonRpc's <c>InvokeAsync</c> with
/// its default JSON formatter and with its MessagePack formatter, and gRPC's asynchronous unary call over a Unix
/// domain socket (the peers).
/// </summary>
[BenchmarkCategory("3-invoke-round-trip")]
public class InvokeRoundTripBenchmarks : CrossProcessBenchmark
{
    private RawFramedClient? _raw;
    private IpcRenderer? _renderer;
    private JsonRpc? _rpc;
    private IpcMain? _main;
    private IpcSender? _rendererPeer;
    private JsonRpc? _rpcMessagePack;
    private GrpcConnection? _grpc;

    [Params(64)]
    public override int PayloadBytes { get; set; }

    /// <summary>Which MessagePack formatter the StreamJsonRpc MessagePack case uses (the faster one; --loop can try the other).</summary>
    internal JsonRpcFormat MessagePackFormat { get; set; } = JsonRpcWire.FastestMessagePack;

    [GlobalSetup(Target = nameof(RawSocketAsync))]
    public void SetupRaw()
    {
        StartPeer("raw", nameof(RawSocketAsync));
        _raw = new RawFramedClient(Peer.Address);
        WarmUp(RawSocketAsync);
    }

    [GlobalSetup(Target = nameof(IpcGenInvoke))]
    public void SetupIpcGen()
    {
        StartPeer("ipcgen", nameof(IpcGenInvoke));
        _renderer = Connections.ConnectIpcGen(Peer.Address, Peer.Token);
        WarmUp(IpcGenInvoke);
    }

    [GlobalSetup(Target = nameof(IpcGenMainInvoke))]
    public void SetupIpcGenMainToRenderer()
    {
        // This process is main; the peer process connects to it as a renderer whose handler answers.
        _main = new IpcMain();
        IpcEndpoint endpoint = _main.Listen();
        StartPeer("ipcgen-renderer", nameof(IpcGenMainInvoke), new Dictionary<string, string>
        {
            [IpcEndpoint.AddressVariable] = endpoint.Address,
            [IpcEndpoint.TokenVariable] = endpoint.Token,
        });
        _rendererPeer = _main.Renderers.Single();
        WarmUp(IpcGenMainInvoke);
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

    [GlobalSetup(Target = nameof(GrpcUnaryAsync))]
    public void SetupGrpc()
    {
        StartPeer("grpc", nameof(GrpcUnaryAsync));
        _grpc = new GrpcConnection(Peer.Address);
        WarmUp(GrpcUnaryAsync);
    }

    [GlobalCleanup]
    public void Cleanup() => Finish();

    [Benchmark(Baseline = true, Description = "Raw framed socket, async (floor)")]
    public async Task<int> RawSocketAsync()
    {
        long started = LatencyRecorder.Start();
        int replyBytes = await _raw!.PingAsync(Payload).ConfigureAwait(false);
        Latency.Stop(started);
        return replyBytes;
    }

    [Benchmark(Description = "IpcGen InvokeAsync")]
    public async Task<string?> IpcGenInvoke()
    {
        long started = LatencyRecorder.Start();
        string? reply = await _renderer!.InvokeAsync<string>(PeerProtocol.Ping, Payload).ConfigureAwait(false);
        Latency.Stop(started);
        return reply;
    }

    [Benchmark(Description = "IpcGen main → renderer InvokeAsync")]
    public async Task<string?> IpcGenMainInvoke()
    {
        long started = LatencyRecorder.Start();
        string? reply = await _rendererPeer!.InvokeAsync<string>(PeerProtocol.Ping, Payload).ConfigureAwait(false);
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

    [Benchmark(Description = "gRPC unary call (peer)")]
    public async Task<string> GrpcUnaryAsync()
    {
        long started = LatencyRecorder.Start();
        TextMessage reply = await _grpc!.Client.PingAsync(new TextMessage { Text = Payload }).ConfigureAwait(false);
        Latency.Stop(started);
        return reply.Text;
    }

    protected override void DisposeClients()
    {
        _raw?.Dispose();
        _renderer?.Dispose();
        _rpc?.Dispose();
        _main?.Dispose();
        _rpcMessagePack?.Dispose();
        _grpc?.Dispose();
    }
}
