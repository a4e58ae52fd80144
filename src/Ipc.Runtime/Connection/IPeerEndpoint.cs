using Ipc.Dispatch;
using Microsoft.Extensions.Logging;

namespace Ipc.Connection;

/// <summary>
/// What a connection's <see cref="Peer"/> needs from the endpoint that owns it (<see cref="IpcMain"/>, shared by
/// all of its renderers' peers, or an <see cref="IpcRenderer"/>): where user code runs and which user code
/// answers what arrives. Everything role-specific stays behind this seam.
/// </summary>
internal interface IPeerEndpoint
{
    /// <summary>The event loop that runs this endpoint's listeners and handlers, one at a time.</summary>
    SerialDispatcher Dispatcher { get; }

    /// <summary>True once the endpoint's Dispose has begun: its members, and its peers' senders, throw <see cref="ObjectDisposedException"/>.</summary>
    bool IsDisposed { get; }

    /// <summary>True while this endpoint's dispatcher thread is blocked in a SendSync (only a renderer's can be).</summary>
    bool IsDispatcherBlockedInSendSync { get; }

    /// <summary>Runs the listeners of a fire-and-forget message, on the dispatcher; returns what the first one that threw threw.</summary>
    Exception? OnMessage(Peer peer, string channel, IpcArgs args);

    /// <summary>Runs the listeners of a SendSync, on the dispatcher; <paramref name="reply"/> is the call's answer.</summary>
    void OnSyncMessage(Peer peer, ReplySlot reply, string channel, IpcArgs args);

    /// <summary>Starts the channel's handler, on the dispatcher; null when the channel has none.</summary>
    Task<object?>? StartHandler(Peer peer, string channel, IpcArgs args, CancellationToken cancellationToken);

    /// <summary>Whether a handler's exception, which its caller receives, is also reported (<see cref="IpcOptions.ReportHandlerExceptions"/>).</summary>
    bool ReportsHandlerExceptions { get; }

    /// <summary>Reports a problem through the endpoint's <c>Error</c> event, always raised on its dispatcher.</summary>
    void ReportError(IpcErrorEventArgs args);

    /// <summary>The peer's connection has ended (called once, on the thread that saw it end).</summary>
    void OnPeerClosed(Peer peer, Exception? error);
}
