using System.ComponentModel;
using Ipc.Dispatch;
using Ipc.Logging;
using Ipc.Protocol;
using Ipc.Renderer;
using Ipc.Transport;
using Microsoft.Extensions.Logging;

namespace Ipc;

/// <summary>
/// A renderer's end of IPC: Electron's <c>ipcRenderer</c>. It sends messages to the main process
/// (<see cref="Send"/>, <see cref="SendSync{T}"/>, <see cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>)
/// and listens for messages main sends back (<see cref="On"/>). Everything one renderer sends reaches
/// main in the order it was sent, whichever of the three calls sent it.
/// </summary>
public sealed class IpcRenderer : IDisposable, IFrameReceiver
{
    private readonly IpcConnection _connection;
    private readonly Outbox _outbox;
    private readonly PendingCalls _pending = new();
    private readonly RendererListeners _listeners;
    private readonly SerialDispatcher _dispatcher;
    private readonly SerialDispatcher? _deadlockGuard;
    private readonly TimeSpan _sendSyncTimeout;
    private readonly TimeSpan _invokeTimeout;
    private readonly ILogger? _logger;

    internal IpcRenderer(IpcConnection connection, IpcRendererOptions options, int id, SerialDispatcher? deadlockGuard)
    {
        _connection = connection;
        _outbox = new Outbox(connection, options.SerializerOrDefault, options.MaxMessageSize);
        _listeners = new RendererListeners(this);
        _dispatcher = new SerialDispatcher(options.SynchronizationContext, e => RaiseError(new IpcErrorEventArgs(e, null, null)));
        _deadlockGuard = deadlockGuard;
        _sendSyncTimeout = options.SendSyncTimeout;
        _invokeTimeout = options.InvokeTimeout;
        Id = id;
        _logger = options.Logger;
        if (_logger is not null)
        {
            IpcLog.ConnectedToMain(_logger, id);
        }
        connection.Start(this);
    }

    /// <summary>
    /// Connects this process, started by <see cref="IpcMain.StartRendererAsync"/>, to its main process,
    /// found through the <see cref="IpcEndpoint.AddressVariable"/> and <see cref="IpcEndpoint.TokenVariable"/>
    /// environment variables.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment variables are missing.</exception>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    public static Task<IpcRenderer> ConnectToParentAsync(IpcRendererOptions? options = null, CancellationToken cancellationToken = default) =>
        RendererConnector.ConnectToParentAsync(options, cancellationToken);

    /// <summary>
    /// Connects to the main process at <paramref name="endpoint"/> (from <see cref="IpcMain.Listen"/>) over the
    /// platform's local transport. Works from another process or from main's own process; in the latter,
    /// the connection is still a real socket or pipe.
    /// </summary>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    public static Task<IpcRenderer> ConnectAsync(IpcEndpoint endpoint, IpcRendererOptions? options = null, CancellationToken cancellationToken = default) =>
        RendererConnector.ConnectAsync(endpoint, launchId: 0, options, cancellationToken);

    /// <summary>Raised when a listener throws or main sends something malformed. Listening carries on.</summary>
    public event EventHandler<IpcErrorEventArgs>? Error;

    /// <summary>Raised once, on the renderer's dispatcher, when the connection to main ends.</summary>
    public event EventHandler? Disconnected;

    /// <summary>This renderer's id: the same number main sees as <see cref="IpcSender.Id"/>.</summary>
    public int Id { get; }

    /// <summary>False once the connection to main has ended.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>The channels that have listeners, in the order they first got one.</summary>
    public IReadOnlyList<string> ChannelNames => _listeners.ChannelNames;

    /// <summary>Sends a fire-and-forget message to main's listeners: Electron's <c>ipcRenderer.send</c>.</summary>
    /// <exception cref="ArgumentException">The channel name is null, empty or invalid.</exception>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main is closed.</exception>
    public void Send(string channel, params object?[]? args)
    {
        ChannelName.Validate(channel);
        _outbox.SendMessage(MessageKind.Send, 0, channel, args);
    }

    /// <summary>
    /// Sends a message and blocks the calling thread until a main-process listener sets
    /// <see cref="IpcMainEvent.ReturnValue"/>: Electron's <c>ipcRenderer.sendSync</c>.
    /// </summary>
    /// <exception cref="IpcNoReplyException">Main has no listener on the channel, or none set <c>ReturnValue</c>.</exception>
    /// <exception cref="IpcRemoteException">A listener threw before any set <c>ReturnValue</c>.</exception>
    /// <exception cref="IpcTimeoutException">No reply within <see cref="IpcRendererOptions.SendSyncTimeout"/>.</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main closed.</exception>
    /// <exception cref="InvalidOperationException">Called on main's dispatcher thread (in-process), where it could never be answered.</exception>
    public T? SendSync<T>(string channel, params object?[]? args)
    {
        ChannelName.Validate(channel);
        if (_deadlockGuard?.IsRunningOnCurrentThread == true)
        {
            throw new InvalidOperationException(
                $"SendSync('{channel}') was called from a main-process listener or handler of the same process; it would wait for itself forever. Use Send or InvokeAsync there.");
        }

        PendingCall call = StartCall(MessageKind.SendSync, channel, args);
        Task<Frame> reply = call.Completion.Task;
        bool answered;
        try
        {
            answered = reply.Wait(_sendSyncTimeout);
        }
        catch (AggregateException)
        {
            answered = true; // rethrown unwrapped below
        }

        if (!answered)
        {
            _pending.Abandon(call);
            throw new IpcTimeoutException(channel, _sendSyncTimeout);
        }

        return ReplyReader.Read<T>(reply.GetAwaiter().GetResult(), channel, _outbox.Serializer);
    }

    /// <summary>
    /// Invokes main's handler for <paramref name="channel"/> and returns its result: Electron's
    /// <c>ipcRenderer.invoke</c>. Cancelling <paramref name="cancellationToken"/> ends the wait at once and
    /// cancels the handler's <see cref="IpcMainInvokeEvent.CancellationToken"/>.
    /// </summary>
    /// <exception cref="IpcNoHandlerException">No handler is registered for the channel (in the returned task).</exception>
    /// <exception cref="IpcRemoteException">The handler threw; carries its exception type and message (in the returned task).</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main closed (in the returned task).</exception>
    public Task<T?> InvokeAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        ChannelName.Validate(channel);
        return InvokeCoreAsync<T>(channel, args, cancellationToken);
    }

    /// <summary>Invokes main's handler for <paramref name="channel"/> with <paramref name="args"/>.</summary>
    public Task<T?> InvokeAsync<T>(string channel, params object?[]? args) => InvokeAsync<T>(channel, args, CancellationToken.None);

    /// <summary>Adds <paramref name="listener"/> for messages main sends on <paramref name="channel"/>.</summary>
    /// <returns>This instance, for chaining.</returns>
    public IpcRenderer On(string channel, IpcRendererListener listener) => AddListener(channel, listener, listener, once: false);

    /// <summary>Adds a listener that is removed before it runs for the first time.</summary>
    public IpcRenderer Once(string channel, IpcRendererListener listener) => AddListener(channel, listener, listener, once: true);

    /// <summary>Adds <paramref name="listener"/> under <paramref name="key"/>, the delegate <see cref="RemoveListener(string, Delegate)"/> will be given.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IpcRenderer AddListener(string channel, IpcRendererListener listener, Delegate key, bool once)
    {
        _listeners.Add(channel, listener, key, once);
        return this;
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/>.</summary>
    public IpcRenderer RemoveListener(string channel, IpcRendererListener listener) => RemoveListener(channel, (Delegate)listener);

    /// <summary>Removes the most recently added registration whose key is <paramref name="listener"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public IpcRenderer RemoveListener(string channel, Delegate listener)
    {
        _listeners.Remove(channel, listener);
        return this;
    }

    /// <summary>Removes every listener of <paramref name="channel"/>, or of every channel when it is null.</summary>
    public IpcRenderer RemoveAllListeners(string? channel = null)
    {
        _listeners.RemoveAll(channel);
        return this;
    }

    /// <summary>How many listeners <paramref name="channel"/> has.</summary>
    public int ListenerCount(string channel) => _listeners.Count(channel);

    /// <summary>Closes the connection to main. Pending calls fail with <see cref="IpcDisconnectedException"/>.</summary>
    public void Dispose() => _connection.Dispose();

    void IFrameReceiver.OnFrame(ReadOnlyMemory<byte> bytes)
    {
        Frame frame;
        IpcArgs? args = null;
        try
        {
            frame = Frame.Decode(bytes);
            if (frame.Kind == MessageKind.MainSend)
            {
                args = IpcArgs.FromSection(frame.Channel, frame.Body, _outbox.Serializer);
            }
            else if (frame.Kind != MessageKind.Reply)
            {
                throw new InvalidDataException($"Main may not send {frame.Kind} frames.");
            }
        }
        catch (InvalidDataException e)
        {
            _dispatcher.Enqueue(new RaiseErrorItem(this, new IpcErrorEventArgs(new IpcException($"A malformed frame from main was dropped: {e.Message}", e), null, null)));
            return;
        }

        if (args is null)
        {
            _pending.Complete(frame);
        }
        else
        {
            _dispatcher.Enqueue(new InboundMessage(this, frame.Channel, args));
        }
    }

    void IFrameReceiver.OnClosed(Exception? error)
    {
        _pending.Close(new IpcDisconnectedException("The connection to the main process is closed.", error));
        if (error is not null)
        {
            _dispatcher.Enqueue(new RaiseErrorItem(this, new IpcErrorEventArgs(new IpcDisconnectedException($"The connection to the main process broke: {error.Message}", error), null, null)));
        }

        _dispatcher.Enqueue(new RaiseDisconnected(this));
    }

    internal void RaiseError(IpcErrorEventArgs args)
    {
        IpcLog.Reported(_logger, args);
        try
        {
            Error?.Invoke(this, args);
        }
        catch (Exception)
        {
            // The error handler itself failed; there is nowhere left to report it.
        }
    }

    private async Task<T?> InvokeCoreAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PendingCall call = StartCall(MessageKind.Invoke, channel, args);

        using CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(() => Abandon(call, cancelled: true, cancellationToken))
            : default;
        try
        {
            Task<Frame> reply = call.Completion.Task;
            Frame frame = _invokeTimeout == Timeout.InfiniteTimeSpan ? await reply.ConfigureAwait(false) : await reply.WaitAsync(_invokeTimeout).ConfigureAwait(false);
            return ReplyReader.Read<T>(frame, channel, _outbox.Serializer);
        }
        catch (TimeoutException)
        {
            Abandon(call, cancelled: false, default);
            throw new IpcTimeoutException(channel, _invokeTimeout);
        }
    }

    /// <summary>Registers a call that waits for a reply and sends its message; nothing stays registered if sending fails.</summary>
    private PendingCall StartCall(MessageKind kind, string channel, object?[]? args)
    {
        PendingCall call = _pending.Register(channel);
        try
        {
            _outbox.SendMessage(kind, call.Id, channel, args);
            return call;
        }
        catch
        {
            _pending.Abandon(call);
            throw;
        }
    }

    /// <summary>Stops waiting for <paramref name="call"/> and tells main to cancel its handler.</summary>
    private void Abandon(PendingCall call, bool cancelled, CancellationToken cancellationToken)
    {
        _pending.Abandon(call, cancelled ? cancellationToken : default);
        try
        {
            _outbox.SendCancel(call.Id, call.Channel);
        }
        catch (IpcException)
        {
            // Main is gone: nothing is left to cancel.
        }
    }

    private sealed class InboundMessage(IpcRenderer renderer, string channel, IpcArgs args) : IDispatchItem
    {
        public void Run() => renderer._listeners.Emit(channel, new IpcRendererEvent(renderer, channel), args);
    }

    private sealed class RaiseErrorItem(IpcRenderer renderer, IpcErrorEventArgs args) : IDispatchItem
    {
        public void Run() => renderer.RaiseError(args);
    }

    private sealed class RaiseDisconnected(IpcRenderer renderer) : IDispatchItem
    {
        public void Run()
        {
            if (renderer._logger is not null)
            {
                IpcLog.DisconnectedFromMain(renderer._logger);
            }

            renderer.Disconnected?.Invoke(renderer, EventArgs.Empty);
        }
    }
}
