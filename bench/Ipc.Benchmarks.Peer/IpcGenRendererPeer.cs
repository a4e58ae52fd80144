namespace Ipc.Benchmarks.Peer;

/// <summary>
/// An IpcGen renderer that connects to the benchmark process (main, found through the environment, as a
/// renderer main starts would) and answers main's invocations: the other direction of <see cref="IpcGenPeer"/>.
/// </summary>
internal sealed class IpcGenRendererPeer : IPeerServer
{
    private readonly IpcRenderer _renderer;

    public IpcGenRendererPeer()
    {
        _renderer = IpcRenderer.ConnectToParentAsync(static renderer => renderer.Handle(PeerProtocol.Ping, static (e, args) =>
        {
            _ = args.Get<string>(0);
            return Task.FromResult<object?>(PeerProtocol.Pong);
        })).GetAwaiter().GetResult();
    }

    /// <summary>This peer connects instead of listening: nothing to connect to.</summary>
    public string Address => "connected";

    public string Token => "-";

    public void Dispose() => _renderer.Dispose();
}
