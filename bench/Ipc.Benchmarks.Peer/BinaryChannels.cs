namespace Ipc.Benchmarks.Peer;

/// <summary>
/// The binary channels as main's typed listeners see them ("ping-bytes", "tick-bytes"), as an application written
/// against a contract would listen. A typed listener's arguments are read by its generated adapter while it runs, so
/// main gives a large frame's pooled array back once the message has run; an untyped listener may keep its
/// <see cref="IpcArgs"/>, and its frame is left to the collector.
/// </summary>
[IpcChannel]
internal interface IBinaryChannels
{
    /// <summary>The binary round trip: answered with <see cref="PeerProtocol.Pong"/>.</summary>
    string PingBytes(byte[] payload);

    /// <summary>A binary message of the throughput suite, counted.</summary>
    void TickBytes(byte[] payload);
}
