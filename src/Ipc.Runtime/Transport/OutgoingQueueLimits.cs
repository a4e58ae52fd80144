namespace Ipc.Transport;

/// <summary>
/// What an <see cref="OutgoingQueue"/> may hold for a peer that does not read. Main's side of every renderer
/// connection has limits: past either one the peer is considered stalled and the connection is closed, so
/// main never blocks on a renderer. A renderer's side has none: its writers wait for the queue instead, which
/// is the flow control that slows a renderer down to main's pace.
/// </summary>
/// <param name="MaxQueuedBytes">The most bytes waiting to be written; a frame that would go past it closes the connection.</param>
/// <param name="StallTimeout">How long one write may make no progress before the connection is closed.</param>
internal readonly record struct OutgoingQueueLimits(long MaxQueuedBytes, TimeSpan StallTimeout);
