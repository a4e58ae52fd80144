namespace Ipc.Benchmarks.Peer;

/// <summary>
/// The binary channels as main's typed listeners see them ("ping-bytes", "tick-bytes"), as an application written
/// against a contract would listen. A typed listener's arguments are read by its generated adapter while it runs, so
/// main gives a large frame's pooled array back once the message has run; an untyped listener may keep its
/// <see cref="IpcArgs"/>, and its frame is left to the collector. The payload is received as
/// <see cref="ReadOnlyMemory{T}"/>, the documented way to read large binary data without a copy (the sender's
/// contract says <c>byte[]</c>: both travel as the same raw bytes); a <c>byte[]</c> parameter would add one copy and
/// one array per message, on the large object heap at 1 MiB (docs/benchmarks.md, 2026-12-03).
/// </summary>
[IpcChannel]
internal interface IBinaryChannels
{
    /// <summary>The binary round trip: answered with <see cref="PeerProtocol.Pong"/>.</summary>
    string PingBytes(ReadOnlyMemory<byte> payload);

    /// <summary>A binary message of the throughput suite, counted.</summary>
    void TickBytes(ReadOnlyMemory<byte> payload);
}
