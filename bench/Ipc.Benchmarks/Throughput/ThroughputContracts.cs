namespace Ipc.Benchmarks.Throughput;

/// <summary>
/// The peer's fire-and-forget channels as a typed contract, for the typed Send cases: the generated sender
/// writes to the same channels ("tick", "tick-bytes") as the untyped <c>Send</c> does.
/// </summary>
[IpcChannel]
public interface IThroughputPeer
{
    /// <summary>A text message, counted by the peer.</summary>
    void Tick(string payload);

    /// <summary>A binary message, counted by the peer.</summary>
    void TickBytes(byte[] payload);
}
