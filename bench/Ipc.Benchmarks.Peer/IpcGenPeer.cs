namespace Ipc.Benchmarks.Peer;

/// <summary>
/// An IpcGen main process listening on its local endpoint; the benchmark process connects to it as a
/// renderer with <see cref="IpcRenderer.ConnectAsync"/>, so the measured calls run in the benchmark process.
/// </summary>
internal sealed class IpcGenPeer : IPeerServer
{
    private readonly IpcMain _main = new();
    private readonly AllocationCounter _counter = new();
    private readonly IpcEndpoint _endpoint;

    public IpcGenPeer()
    {
        // Listeners read their argument, as a real application's would; the binary ones are typed (BinaryChannels.cs).
        _main.On(PeerProtocol.Ping, static (e, args) =>
        {
            _ = args.Get<string>(0);
            e.ReturnValue = PeerProtocol.Pong;
        });
        _main.Handle(PeerProtocol.Ping, static (e, args) =>
        {
            _ = args.Get<string>(0);
            return Task.FromResult<object?>(PeerProtocol.Pong);
        });
        BinaryChannelsMain binary = _main.BinaryChannels();
        binary.PingBytes.On(static (e, payload) => e.ReturnValue = PeerProtocol.Pong);
        _main.On(PeerProtocol.Tick, (e, args) =>
        {
            _ = args.Get<string>(0);
            _counter.Count();
        });
        binary.TickBytes.On((e, payload) => _counter.Count());
        _main.On(PeerProtocol.Reset, (e, args) => _counter.Reset());

        // Messages from one renderer are dispatched in order: when drain runs, every earlier tick has.
        _main.On(PeerProtocol.Drain, (e, args) =>
        {
            BatchResult result = _counter.Result();
            e.ReturnValue = new[] { result.Received, result.AllocatedBytes };
        });
        _endpoint = _main.Listen();
    }

    public string Address => _endpoint.Address;

    public string Token => _endpoint.Token;

    public void Dispose() => _main.Dispose();
}
