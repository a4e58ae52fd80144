namespace Ipc.Benchmarks.Peer;

/// <summary>One of the servers the peer process can run.</summary>
internal interface IPeerServer : IDisposable
{
    /// <summary>Where the benchmark connects: a Unix domain socket path.</summary>
    string Address { get; }

    /// <summary>The secret the benchmark presents, or "-" when the server has none.</summary>
    string Token { get; }
}
