using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc;

/// <summary>
/// One connected renderer, as the main process sees it: Electron's <c>event.sender</c> / <c>webContents</c>.
/// Main sends to it (<see cref="Send"/>) and invokes its handlers (<see cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>),
/// which Electron does not allow. Thread-safe: any thread may send or invoke.
/// </summary>
public sealed class IpcSender
{
    private readonly TimeSpan _invokeTimeout;
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal IpcSender(Peer peer, int id, int processId, TimeSpan invokeTimeout)
    {
        Peer = peer;
        Id = id;
        ProcessId = processId;
        _invokeTimeout = invokeTimeout;
        peer.Sender = this;
    }

    /// <summary>What main may hold for this renderer's process (see <see cref="Main.RendererBudgets"/>); null in main's own process.</summary>
    internal Main.RendererBudgets.Share? Share { get; init; }

    /// <summary>The renderer's id, unique within its <see cref="IpcMain"/>.</summary>
    public int Id { get; }

    /// <summary>
    /// The operating-system id of the renderer's process, as the OS reports the connection's other end (peer
    /// credentials of the Unix domain socket, the named pipe's client process id), never as the renderer claims it;
    /// 0 where the OS cannot tell. A renderer in main's own process has main's process id.
    /// </summary>
    public int ProcessId { get; }

    /// <summary>
    /// For a web page connected through <see cref="IpcMain.ListenWeb"/>, the page's origin as its browser gave it
    /// (<c>http://127.0.0.1:5000</c>), already checked against <see cref="IpcWebOptions.AllowedOrigins"/>;
    /// its <see cref="ProcessId"/> is 0, since a page's process is unknown. Null for a renderer process.
    /// </summary>
    public string? Origin { get; internal init; }

    /// <summary>False once the renderer has disconnected.</summary>
    public bool IsConnected => Peer.IsConnected;

    internal Peer Peer { get; }

    /// <summary>Completes once the connection has ended, before <see cref="IpcMain.RendererGone"/> is queued (supervision waits on it).</summary>
    internal Task Gone => _gone.Task;

    /// <summary>Completes <see cref="Gone"/>; called once the connection has ended.</summary>
    internal void MarkGone() => _gone.TrySetResult();

    /// <summary>Sends a message to this renderer's listeners on <paramref name="channel"/>: Electron's <c>webContents.send</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments, serialised before this method returns.</param>
    /// <exception cref="ArgumentException">The channel name is invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The renderer is gone.</exception>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> is disposed.</exception>
    public void Send(string channel, params object?[]? args)
    {
        ThrowIfMainDisposed();
        ChannelName.Validate(channel);
        Peer.Outbox.SendMessage(MessageKind.MainSend, channel, args);
    }

    /// <summary>
    /// Invokes this renderer's handler for <paramref name="channel"/> (<see cref="IpcRenderer.Handle"/>) and returns
    /// its result. The call fails at once with <see cref="IpcNoHandlerException"/> when the renderer has no handler,
    /// and with <see cref="IpcDisconnectedException"/> as soon as the renderer disconnects or dies, whatever the
    /// timeout. Cancelling <paramref name="cancellationToken"/>, or <see cref="IpcMainOptions.RendererInvokeTimeout"/>
    /// passing, ends the wait and cancels the handler's <see cref="IpcRendererInvokeEvent.CancellationToken"/>.
    /// </summary>
    /// <typeparam name="T">The type of the handler's result.</typeparam>
    /// <param name="channel">The channel to invoke.</param>
    /// <param name="args">The arguments, serialised before this method returns.</param>
    /// <param name="cancellationToken">Cancels the call and the renderer's handler.</param>
    /// <returns>The handler's result, deserialised as <typeparamref name="T"/>.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    /// <exception cref="IpcNoHandlerException">The renderer has no handler for the channel (in the returned task).</exception>
    /// <exception cref="IpcRemoteException">The handler threw; carries its exception type and message (in the returned task).</exception>
    /// <exception cref="IpcTimeoutException">No answer within <see cref="IpcMainOptions.RendererInvokeTimeout"/> (in the returned task).</exception>
    /// <exception cref="IpcDisconnectedException">The renderer is gone, or left before answering (in the returned task).</exception>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> is disposed.</exception>
    public Task<T?> InvokeAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        ThrowIfMainDisposed();
        ChannelName.Validate(channel);
        MessageArguments.RejectCancellationTokens(MessageKind.Invoke, channel, args);

        return Peer.Calls.InvokeAsync<T>(InvokeKind, channel, args, _invokeTimeout, cancellationToken);
    }

    /// <summary>Invokes this renderer's handler for <paramref name="channel"/> with <paramref name="args"/>; see <see cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>.</summary>
    /// <typeparam name="T">The type of the handler's result.</typeparam>
    /// <param name="channel">The channel to invoke.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The handler's result.</returns>
    public Task<T?> InvokeAsync<T>(string channel, params object?[]? args) => InvokeAsync<T>(channel, args, CancellationToken.None);

    /// <inheritdoc />
    public override string ToString() => Describe(Id, ProcessId, Origin);

    /// <summary>
    /// Invokes this renderer's handler with an argument section serialised once for every renderer
    /// (<see cref="CompilerServices.IpcBroadcastWriter"/>); the frame is built before this returns. Every failure is in the task.
    /// </summary>
    internal Task<T?> InvokeAround<T>(string channel, BroadcastSection section, CancellationToken cancellationToken)
    {
        CallTelemetry? telemetry = null;
        FrameBuilder frame;
        MessageKind kind = InvokeKind;
        try
        {
            ThrowIfMainDisposed();
            telemetry = CallTelemetry.StartClient(Peer.Outbox.Telemetry, kind, channel); // current while the frame is built, so that it carries the span
            frame = Peer.Outbox.BuildAround(kind, 0, channel, section.For(Peer.Outbox.BinaryArguments));
        }
        catch (Exception e)
        {
            telemetry?.Failed(e);
            telemetry?.RestoreCurrent();
            return Task.FromException<T?>(e);
        }

        telemetry?.RestoreCurrent();
        return Peer.Calls.InvokeAsync<T>(kind, channel, frame, telemetry, _invokeTimeout, cancellationToken);
    }

    /// <summary>How long main waits for this renderer's handler.</summary>
    internal TimeSpan InvokeTimeout => _invokeTimeout;

    /// <summary>A nested invoke when a sync listener of this renderer invokes it back: the renderer may be blocked in a SendSync that the current thread answers.</summary>
    internal MessageKind InvokeKind => Peer.IsAnsweringSendSyncOnCurrentThread ? MessageKind.NestedInvoke : MessageKind.Invoke;

    internal void ThrowIfMainDisposed()
    {
        if (Peer.Endpoint.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(IpcMain), $"The IpcMain of {this} is disposed.");
        }
    }

    internal static string Describe(int id, int processId, string? origin = null) =>
        origin is null ? $"Renderer {id} (process {processId})" : $"Renderer {id} (page {origin})";
}
