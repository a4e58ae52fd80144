namespace Ipc.Benchmarks.Peer;

/// <summary>
/// What the benchmark and its peer process agree on: the channel and method names, the kinds of the raw
/// floor's frames, and the line a peer prints when it is ready.
/// </summary>
public static class PeerProtocol
{
    /// <summary>The first word of the line a peer prints once it accepts connections.</summary>
    public const string ReadyLine = "READY";

    /// <summary>The round-trip channel (IpcGen) and method (StreamJsonRpc): the request carries the payload, the reply is <see cref="Pong"/>.</summary>
    public const string Ping = "ping";

    /// <summary>The round trip with a binary payload (a <c>byte[]</c>); the reply is <see cref="Pong"/>.</summary>
    public const string PingBytes = "ping-bytes";

    /// <summary>The reply to every ping.</summary>
    public const string Pong = "pong";

    /// <summary>The fire-and-forget channel of the throughput suite: the peer counts what arrives.</summary>
    public const string Tick = "tick";

    /// <summary>The fire-and-forget channel with a binary payload (a <c>byte[]</c>): counted as <see cref="Tick"/> is.</summary>
    public const string TickBytes = "tick-bytes";

    /// <summary>The largest payload any benchmark sends, in bytes (the binary suites' 1 MiB): what the floor's buffers are sized for.</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>Starts a throughput batch: the peer zeroes its count and notes its allocated bytes.</summary>
    public const string Reset = "reset";

    /// <summary>
    /// Ends a throughput batch: answered once every earlier tick has been received, with
    /// <see cref="BatchResult"/> (the count and the bytes the peer allocated since <see cref="Reset"/>).
    /// </summary>
    public const string Drain = "drain";
}

/// <summary>The kinds of the raw floor's frames: <c>length:i32 LE · kind:u8 · payload</c>, the length covering kind and payload.</summary>
public enum RawFrameKind : byte
{
    /// <summary>Answered with a frame holding the UTF-8 bytes of "pong".</summary>
    Ping = 1,

    /// <summary>Counted; not answered.</summary>
    Tick = 2,

    /// <summary>Zeroes the count and notes the allocated bytes; not answered.</summary>
    Reset = 3,

    /// <summary>Answered with the count (i64) and the bytes allocated since the reset (i64).</summary>
    Drain = 4,
}

/// <summary>What a peer reports at the end of a throughput batch.</summary>
/// <param name="Received">How many ticks arrived since the reset.</param>
/// <param name="AllocatedBytes">How many bytes the peer process allocated since the reset (GC.GetTotalAllocatedBytes, precise).</param>
public sealed record BatchResult(long Received, long AllocatedBytes);
