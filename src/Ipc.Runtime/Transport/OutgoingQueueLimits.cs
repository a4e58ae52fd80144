namespace Ipc.Transport;

/// <summary>
/// How much a <see cref="StreamConnection"/> may hold for a peer that does not read (main's side of a
/// renderer connection): past either limit the peer is considered stalled and the connection is closed.
/// </summary>
/// <param name="MaxQueuedBytes">The most bytes waiting to be written; a frame that would go past it closes the connection.</param>
/// <param name="StallTimeout">How long one write may make no progress before the connection is closed.</param>
internal readonly record struct OutgoingQueueLimits(long MaxQueuedBytes, TimeSpan StallTimeout);
