using System.Net.Sockets;
using StreamJsonRpc;

namespace Ipc.Benchmarks.Peer;

/// <summary>
/// The .NET peer: StreamJsonRpc over the same kind of Unix socket, one <see cref="JsonRpc"/> per connection,
/// with its defaults (header-delimited messages, JsonMessageFormatter) or a MessagePack formatter.
/// </summary>
internal sealed class JsonRpcPeer : IPeerServer
{
    private readonly DirectoryInfo _directory;
    private readonly Socket _listener;
    private readonly Target _target = new();
    private readonly JsonRpcFormat _format;

    public JsonRpcPeer(JsonRpcFormat format)
    {
        _format = format;
        _directory = Directory.CreateTempSubdirectory("ipcgen-bench-jsonrpc-");
        Address = Path.Combine(_directory.FullName, "jsonrpc.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Address));
        _listener.Listen(backlog: 4);
        _ = AcceptLoopAsync();
    }

    public string Address { get; }

    public string Token => "-";

    public void Dispose()
    {
        _listener.Dispose();
        _directory.Delete(recursive: true);
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync().ConfigureAwait(false);
                JsonRpcWire.Attach(new NetworkStream(client, ownsSocket: true), _format, _target);
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The RPC target. Method names match the IpcGen channels, case aside.</summary>
    public sealed class Target
    {
        private readonly AllocationCounter _counter = new();

        public string Ping(string payload)
        {
            _ = payload;
            return PeerProtocol.Pong;
        }

        public string PingBytes(byte[] payload)
        {
            _ = payload;
            return PeerProtocol.Pong;
        }

        public void Tick(string payload)
        {
            _ = payload;
            _counter.Count();
        }

        public void TickBytes(byte[] payload)
        {
            _ = payload;
            _counter.Count();
        }

        public void Reset() => _counter.Reset();

        /// <summary>
        /// Waits until <paramref name="expected"/> ticks have arrived: StreamJsonRpc may dispatch notifications
        /// concurrently with a later request, so arrival order alone does not prove every tick ran.
        /// </summary>
        public long[] Drain(long expected)
        {
            // Polled rather than signalled, so that Tick costs the peer no more than a count.
            DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
            while (_counter.Received < expected && DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(1);
            }

            BatchResult result = _counter.Result();
            return [result.Received, result.AllocatedBytes];
        }
    }
}
