namespace Ipc.Transport;

/// <summary>
/// What an <see cref="OutgoingQueue"/> may hold for a peer that does not read. Main's side of every renderer
/// connection has limits: past either one the peer is considered stalled and the connection is closed, so
/// main never blocks on a renderer. A renderer's side has none: its writers wait for the queue instead, which
/// is the flow control that slows a renderer down to main's pace.
/// </summary>
/// <param name="MaxQueuedBytes">The most bytes waiting to be written; a frame that would go past it closes the connection.</param>
/// <param name="StallTimeout">How long one write may make no progress before the connection is closed.</param>
/// <param name="Process">
/// The bytes queued to all connections of the peer's process, which <paramref name="MaxQueuedBytes"/> limits
/// together; null to limit this connection alone.
/// </param>
internal readonly record struct OutgoingQueueLimits(long MaxQueuedBytes, TimeSpan StallTimeout, QueuedBytes? Process = null);

/// <summary>Bytes queued to one renderer process's connections, shared by their <see cref="OutgoingQueue"/>s.</summary>
internal sealed class QueuedBytes
{
    private long _bytes;

    public long Value => Interlocked.Read(ref _bytes);

    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
