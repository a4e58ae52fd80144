using Ipc.Connection;
using Ipc.Dispatch;
using Ipc.Emitter;
using Ipc.Logging;
using Ipc.Protocol;
using Ipc.Registration;
using Ipc.Renderer;
using Ipc.Telemetry;
using Ipc.Transport;
using Microsoft.Extensions.Logging;

namespace Ipc;

/// <summary>
/// A renderer's end of IPC: Electron's <c>ipcRenderer</c>. It sends messages to the main process
/// (<see cref="Send"/>, <see cref="SendSync{T}"/>, <see cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>),
/// listens for messages main sends back (<see cref="On"/>) and answers main's invocations (<see cref="Handle"/>).
/// Everything one renderer sends reaches main in the order it was sent, whichever call sent it; listeners
/// and handlers run one at a time on the renderer's dispatcher, in the order main sent their messages.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safety: every member is safe to call from any thread. <see cref="SendSync{T}"/> blocks only its calling thread.
/// </para>
/// <para>
/// Threads: listeners, handlers and the <see cref="Error"/> and <see cref="Disconnected"/> events all run on the
/// renderer's dispatcher, one at a time: the <see cref="IpcOptions.SynchronizationContext"/> when one is set, otherwise
/// IpcGen's own threads (never the thread pool, and not always the same thread). An error detected elsewhere (a handler's task faulting on another thread, the connection's
/// reading thread) is queued to the dispatcher, never raised where it was detected.
/// </para>
/// </remarks>
public sealed class IpcRenderer : IDisposable, IAsyncDisposable, IPeerEndpoint
{
    /// <summary>The answer to main's heartbeat: completed, so the reply leaves as soon as the dispatcher reaches the call.</summary>
    private static readonly Task<object?> s_alive = Task.FromResult<object?>(null);

    /// <summary>
    /// Answers <see cref="ChannelName.Heartbeat"/>. It runs on the dispatcher like every handler, so a renderer whose
    /// dispatcher is blocked does not answer, and main's supervision sees it as unresponsive though its process lives.
    /// </summary>
    private static readonly IpcRendererHandler s_heartbeat = static (_, _) => s_alive;

    private readonly RendererListeners _listeners;
    private readonly HandlerTable<IpcRendererHandler> _handlers = new();
    private readonly SerialDispatcher _dispatcher;
    private readonly IpcRendererOptions _options;

    /// <summary>Orders a reconnection's new connection against <see cref="Dispose"/>: a disposed renderer never takes one.</summary>
    private readonly object _connectionGate = new();
    private volatile Peer _peer;
    private volatile SerialDispatcher? _deadlockGuard;
    private int _reconnecting;
    private readonly TimeSpan _sendSyncTimeout;
    private readonly TimeSpan _invokeTimeout;
    private readonly TimeSpan _drainTimeout;
    private readonly bool _reportsHandlerExceptions;
    private readonly IpcLoggers _loggers;
    private readonly UnheardChannels _unheard;
    private int _dispatcherInSendSync;
    private volatile bool _disposed;
    private int _draining;

    private IpcRenderer(IpcConnection connection, IpcRendererOptions options, int id, Handshake.Features agreed, SerialDispatcher? deadlockGuard)
    {
        _listeners = new RendererListeners(this);
        _dispatcher = new SerialDispatcher(options.SynchronizationContext, e => RaiseError(new IpcErrorEventArgs(e, null, null)));
        _options = options;
        _deadlockGuard = deadlockGuard;
        _sendSyncTimeout = options.SendSyncTimeout;
        _invokeTimeout = options.InvokeTimeout;
        _drainTimeout = options.DrainTimeout;
        _reportsHandlerExceptions = options.ReportHandlerExceptions;
        _loggers = IpcLoggers.From(options, IpcLoggers.RendererCategory);
        _unheard = new UnheardChannels(_loggers.Endpoint);
        Id = id;
        _peer = NewPeer(connection, id, agreed);
        _handlers.AddBuiltIn(ChannelName.Heartbeat, s_heartbeat);
    }

    // RS0026: each pair differs in its first required parameter (a configure callback), so calls bind without
    // ambiguity; a later release adds overloads, never optional parameters, to these methods.
#pragma warning disable RS0026
    /// <summary>
    /// Connects this process, started by <see cref="IpcMain.StartRendererAsync"/>, to its main process,
    /// found through the <see cref="IpcEndpoint.AddressVariable"/> and <see cref="IpcEndpoint.TokenVariable"/>
    /// environment variables. Messages main sends before listeners are registered are dropped: register them in
    /// <see cref="ConnectToParentAsync(Action{IpcRenderer}, IpcRendererOptions?, CancellationToken)"/>'s callback.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment variables are missing.</exception>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    /// <param name="options">The renderer's settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected renderer.</returns>
    public static Task<IpcRenderer> ConnectToParentAsync(IpcRendererOptions? options = null, CancellationToken cancellationToken = default) =>
        RendererConnector.ConnectToParentAsync(configure: null, options, cancellationToken);

    /// <summary>
    /// Connects this process to the main process that started it, running <paramref name="configure"/> before the
    /// first message from main is delivered: listeners and handlers registered there miss nothing, however soon
    /// main sends after <see cref="IpcMain.StartRendererAsync"/> returns.
    /// </summary>
    /// <param name="configure">Registers listeners and handlers; runs once, on the connecting thread, before delivery starts.</param>
    /// <param name="options">The renderer's settings.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected renderer.</returns>
    /// <exception cref="InvalidOperationException">The environment variables are missing.</exception>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    public static Task<IpcRenderer> ConnectToParentAsync(Action<IpcRenderer> configure, IpcRendererOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RendererConnector.ConnectToParentAsync(configure, options, cancellationToken);
    }

    /// <summary>
    /// Connects to the main process at <paramref name="endpoint"/> (from <see cref="IpcMain.Listen"/>) over the
    /// local transport. Works from another process or from main's own process; in the latter,
    /// the connection is still a real socket or pipe.
    /// </summary>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    /// <param name="endpoint">Where main listens.</param>
    /// <param name="options">The renderer's settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected renderer.</returns>
    public static Task<IpcRenderer> ConnectAsync(IpcEndpoint endpoint, IpcRendererOptions? options = null, CancellationToken cancellationToken = default) =>
        RendererConnector.ConnectAsync(endpoint, launchId: 0, configure: null, options, cancellationToken);

    /// <summary>
    /// Connects to the main process at <paramref name="endpoint"/>, running <paramref name="configure"/> before the
    /// first message from main is delivered.
    /// </summary>
    /// <param name="endpoint">Where main listens.</param>
    /// <param name="configure">Registers listeners and handlers; runs once, before delivery starts.</param>
    /// <param name="options">The renderer's settings.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected renderer.</returns>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake (wrong token or protocol version) or did not answer it.</exception>
    public static Task<IpcRenderer> ConnectAsync(IpcEndpoint endpoint, Action<IpcRenderer> configure, IpcRendererOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RendererConnector.ConnectAsync(endpoint, launchId: 0, configure, options, cancellationToken);
    }
#pragma warning restore RS0026

    /// <summary>
    /// Raised, on the renderer's dispatcher, when a listener throws, a handler throws or faults (unless
    /// <see cref="IpcOptions.ReportHandlerExceptions"/> is false: main gets the error either way), a handler's reply cannot
    /// be sent, or main sends something malformed. Listening carries on; an exception thrown by a subscriber is ignored.
    /// </summary>
    public event EventHandler<IpcErrorEventArgs>? Error;

    /// <summary>
    /// Raised, on the renderer's dispatcher, when the connection to main ends: once per connection, so once more after
    /// each <see cref="ReconnectAsync"/>.
    /// </summary>
    public event EventHandler? Disconnected;

    /// <summary>This renderer's id: the same number main sees as <see cref="IpcSender.Id"/>. A reconnection gets a new one from its main.</summary>
    public int Id { get; private set; }

    /// <summary>False once the connection to main has ended, until a <see cref="ReconnectAsync"/> succeeds.</summary>
    public bool IsConnected => _peer.IsConnected;

    /// <summary>The channels that have listeners, in the order they first got one.</summary>
    public IReadOnlyList<string> ChannelNames => _listeners.ChannelNames;

    SerialDispatcher IPeerEndpoint.Dispatcher => _dispatcher;

    bool IPeerEndpoint.IsDisposed => _disposed;

    bool IPeerEndpoint.ReportsHandlerExceptions => _reportsHandlerExceptions;

    bool IPeerEndpoint.IsDispatcherBlockedInSendSync => Volatile.Read(ref _dispatcherInSendSync) > 0;

    /// <summary>Sends a fire-and-forget message to main's listeners: Electron's <c>ipcRenderer.send</c>.</summary>
    /// <exception cref="ArgumentException">The channel name is null, empty or invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main is closed.</exception>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments, serialised before this returns.</param>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void Send(string channel, params object?[]? args)
    {
        ThrowIfDisposed();
        ChannelName.Validate(channel);
        _peer.Outbox.SendMessage(MessageKind.Send, channel, args);
    }

    /// <summary>
    /// Sends a message and blocks the calling thread until a main-process listener sets
    /// <see cref="IpcMainEvent.ReturnValue"/>: Electron's <c>ipcRenderer.sendSync</c>. Writing the message counts
    /// toward <see cref="IpcRendererOptions.SendSyncTimeout"/> too: the call never waits longer in total.
    /// </summary>
    /// <exception cref="ArgumentException">The channel name is invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    /// <exception cref="IpcNoReplyException">Main has no listener on the channel, or none set <c>ReturnValue</c>.</exception>
    /// <exception cref="IpcRemoteException">A listener threw before any set <c>ReturnValue</c>.</exception>
    /// <exception cref="IpcTimeoutException">No reply within <see cref="IpcRendererOptions.SendSyncTimeout"/>.</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main closed.</exception>
    /// <exception cref="InvalidOperationException">Called on main's dispatcher thread (in-process), where it could never be answered.</exception>
    /// <typeparam name="T">The type to read the reply as.</typeparam>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments, serialised before anything is sent.</param>
    /// <returns>The first <c>ReturnValue</c> a main-process listener set, read as <typeparamref name="T"/>.</returns>
    /// <exception cref="IpcException">The reply could not be sent by main (too large, or not serializable); the message says which.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public T? SendSync<T>(string channel, params object?[]? args)
    {
        ThrowIfDisposed();
        ChannelName.Validate(channel);
        RefuseSendSyncThatWaitsForItself(channel);
        bool onDispatcher = EnterSendSync();
        try
        {
            return _peer.Calls.CallSync<T>(channel, args, _sendSyncTimeout);
        }
        finally
        {
            ExitSendSync(onDispatcher);
        }
    }

    /// <summary>The connection calls go over now (a reconnection replaces it).</summary>
    internal Peer CurrentPeer => _peer;

    internal TimeSpan SendSyncTimeout => _sendSyncTimeout;

    internal TimeSpan InvokeTimeout => _invokeTimeout;

    /// <summary>Throws when main's dispatcher, in this process, is the calling thread: it could never answer.</summary>
    internal void RefuseSendSyncThatWaitsForItself(string channel)
    {
        if (_deadlockGuard?.IsRunningOnCurrentThread == true)
        {
            throw new InvalidOperationException(
                $"SendSync('{channel}') was called from a main-process listener or handler of the same process; it would wait for itself forever. Use Send or InvokeAsync there.");
        }
    }

    /// <summary>Notes a SendSync blocking this renderer's dispatcher (main then answers its nested invokes differently); true when it does.</summary>
    internal bool EnterSendSync()
    {
        bool onDispatcher = _dispatcher.IsRunningOnCurrentThread;
        if (onDispatcher)
        {
            Interlocked.Increment(ref _dispatcherInSendSync);
        }

        return onDispatcher;
    }

    internal void ExitSendSync(bool onDispatcher)
    {
        if (onDispatcher)
        {
            Interlocked.Decrement(ref _dispatcherInSendSync);
        }
    }

    /// <summary>
    /// Invokes main's handler for <paramref name="channel"/> and returns its result: Electron's
    /// <c>ipcRenderer.invoke</c>. Cancelling <paramref name="cancellationToken"/> ends the wait at once and
    /// cancels the handler's <see cref="IpcMainInvokeEvent.CancellationToken"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The channel name is invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    /// <exception cref="IpcNoHandlerException">No handler is registered for the channel (in the returned task).</exception>
    /// <exception cref="IpcRemoteException">The handler threw; carries its exception type and message (in the returned task).</exception>
    /// <exception cref="IpcTimeoutException">No answer within <see cref="IpcRendererOptions.InvokeTimeout"/> (in the returned task).</exception>
    /// <exception cref="IpcDisconnectedException">The connection to main closed (in the returned task).</exception>
    /// <typeparam name="T">The type to read the handler's result as.</typeparam>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments, serialised before this returns.</param>
    /// <param name="cancellationToken">Cancels the wait and the handler.</param>
    /// <returns>The handler's result, read as <typeparamref name="T"/>.</returns>
    /// <exception cref="IpcException">The handler returned a result that could not be sent (too large, or not serializable); the message says which (in the returned task).</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public Task<T?> InvokeAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ChannelName.Validate(channel);
        MessageArguments.RejectCancellationTokens(MessageKind.Invoke, channel, args);
        return _peer.Calls.InvokeAsync<T>(MessageKind.Invoke, channel, args, _invokeTimeout, cancellationToken);
    }

    /// <summary>Invokes main's handler for <paramref name="channel"/> with <paramref name="args"/>.</summary>
    /// <typeparam name="T">The type to read the handler's result as.</typeparam>
    /// <param name="channel">The channel.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The handler's result; failures as in <see cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>.</returns>
    public Task<T?> InvokeAsync<T>(string channel, params object?[]? args) => InvokeAsync<T>(channel, args, CancellationToken.None);

    /// <summary>Adds <paramref name="listener"/> for messages main sends on <paramref name="channel"/>: Electron's <c>ipcRenderer.on</c>.</summary>
    /// <param name="channel">The channel to listen on.</param>
    /// <param name="listener">Runs on the renderer's dispatcher for every message on the channel, after the listeners added before it.</param>
    /// <returns>
    /// A subscription whose disposal removes this registration (the most recent one of <paramref name="listener"/> on the
    /// channel, as <c>RemoveListener</c> does); disposing it again, or after this instance is disposed, does nothing.
    /// </returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable On(string channel, IpcRendererListener listener) => AddListener(channel, listener, listener, once: false, handsOutArguments: true);

    /// <summary>Adds a listener for the next message on <paramref name="channel"/> only; it is removed before it runs.</summary>
    /// <param name="channel">The channel to listen on.</param>
    /// <param name="listener">Runs on the renderer's dispatcher for the next message on the channel.</param>
    /// <returns>A subscription whose disposal removes the registration if it has not run yet; see <see cref="On"/>.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Once(string channel, IpcRendererListener listener) => AddListener(channel, listener, listener, once: true, handsOutArguments: true);

    /// <summary>
    /// Adds <paramref name="listener"/> under <paramref name="key"/>, the delegate <see cref="RemoveListener(string, Delegate)"/>
    /// will be given: how typed channels let users remove the typed delegate they registered (generated code reaches
    /// it through <see cref="CompilerServices.IpcListenerRegistry"/>).
    /// </summary>
    internal IDisposable AddListener(string channel, IpcRendererListener listener, Delegate key, bool once, bool handsOutArguments)
    {
        ThrowIfDisposed();
        _listeners.Add(channel, listener, key, once, handsOutArguments);
        return new Subscription<IpcRenderer, Delegate>(this, channel, key, static (renderer, channel, key) => renderer.RemoveListener(channel, key));
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/> on <paramref name="channel"/>, whether by <see cref="On"/> or <see cref="Once"/>; does nothing if there is none.</summary>
    /// <param name="channel">The channel the listener was added on.</param>
    /// <param name="listener">The listener that was added.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveListener(string channel, IpcRendererListener listener) => RemoveListener(channel, (Delegate)listener);

    /// <summary>Removes the most recently added registration whose key is <paramref name="listener"/>.</summary>
    internal void RemoveListener(string channel, Delegate listener)
    {
        ThrowIfDisposed();
        _listeners.Remove(channel, listener);
    }

    /// <summary>Removes every listener of <paramref name="channel"/>, or of every channel when it is null.</summary>
    /// <param name="channel">The channel to clear, or null for all of them.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveAllListeners(string? channel = null)
    {
        ThrowIfDisposed();
        _listeners.RemoveAll(channel);
    }

    /// <summary>How many listeners <paramref name="channel"/> has.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The number of registrations, a listener added twice counting twice.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public int ListenerCount(string channel)
    {
        ThrowIfDisposed();
        return _listeners.Count(channel);
    }

    /// <summary>
    /// Registers the handler that answers main's invocations on <paramref name="channel"/>
    /// (<see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/>, <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/>).
    /// It runs on the renderer's dispatcher, in order with its listeners; its result is the reply.
    /// </summary>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers each invocation; its task's result is the reply.</param>
    /// <returns>A subscription whose disposal removes this handler, unless it was removed or replaced meanwhile.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Handle(string channel, IpcRendererHandler handler) => AddHandler(channel, handler, once: false);

    /// <summary>
    /// Registers a handler whose result, of type <typeparamref name="T"/>, is the reply: no <c>Task&lt;object?&gt;</c> to
    /// build, a result ready at once costs no task, and a value-type result is not boxed. Otherwise as
    /// <see cref="Handle(string, IpcRendererHandler)"/>.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers each invocation.</param>
    /// <returns>A subscription whose disposal removes this handler, unless it was removed or replaced meanwhile.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Handle<T>(string channel, Func<IpcRendererInvokeEvent, IpcArgs, ValueTask<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(channel, new TypedHandler<IpcRendererInvokeEvent, T>(handler).Invoke, once: false);
    }

    /// <summary>Registers a handler that is removed before it answers its first invocation.</summary>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers the next invocation.</param>
    /// <returns>A subscription whose disposal removes the handler if it has not been taken yet.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable HandleOnce(string channel, IpcRendererHandler handler) => AddHandler(channel, handler, once: true);

    /// <summary>Registers a handler, typed as in <see cref="Handle{T}(string, Func{IpcRendererInvokeEvent, IpcArgs, ValueTask{T}})"/>, that is removed before it answers its first invocation.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers the next invocation.</param>
    /// <returns>A subscription whose disposal removes the handler if it has not been taken yet.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable HandleOnce<T>(string channel, Func<IpcRendererInvokeEvent, IpcArgs, ValueTask<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(channel, new TypedHandler<IpcRendererInvokeEvent, T>(handler).Invoke, once: true);
    }

    /// <summary>Removes the handler of <paramref name="channel"/>, if any.</summary>
    /// <param name="channel">The channel.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveHandler(string channel)
    {
        ThrowIfDisposed();
        _handlers.Remove(channel);
    }

    private IDisposable AddHandler(string channel, IpcRendererHandler handler, bool once)
    {
        ThrowIfDisposed();
        return _handlers.Register(channel, handler, once);
    }

    /// <summary>
    /// Connects this renderer anew, to the main process at <paramref name="endpoint"/> (from <see cref="IpcMain.Listen"/>),
    /// after its connection ended (<see cref="Disconnected"/>): a main that restarted, or the same main after a broken
    /// connection. The listeners, handlers and served contracts registered on this renderer stay registered and are in
    /// place before the new main's first message is delivered, and proxies made from this renderer (<c>renderer.PingPong()</c>)
    /// send over the new connection once this task completes. Calls made while disconnected fail with
    /// <see cref="IpcDisconnectedException"/>, as before. The options this renderer connected with are used again.
    /// </summary>
    /// <param name="endpoint">Where main listens now: a restarted main has a new address and token.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>A task that completes once connected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="InvalidOperationException">This renderer is still connected, or another reconnection is under way.</exception>
    /// <exception cref="ObjectDisposedException">This renderer is disposed (thrown, or in the returned task when it is disposed meanwhile).</exception>
    /// <exception cref="IpcConnectionRefusedException">Main refused the handshake or did not answer it (in the returned task).</exception>
    /// <exception cref="IOException">Nothing listens at the endpoint's address (in the returned task; a <see cref="System.Net.Sockets.SocketException"/> for a socket).</exception>
    public Task ReconnectAsync(IpcEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ThrowIfDisposed();
        if (IsConnected)
        {
            throw new InvalidOperationException("This renderer is still connected to main; ReconnectAsync follows the end of a connection (Disconnected).");
        }

        if (Interlocked.Exchange(ref _reconnecting, 1) != 0)
        {
            throw new InvalidOperationException("A reconnection of this renderer is already under way.");
        }

        return ReconnectCoreAsync(endpoint, cancellationToken);
    }

    private async Task ReconnectCoreAsync(IpcEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await RendererConnector.ReconnectAsync(this, endpoint, _options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
        }
    }

    /// <summary>
    /// Closes the connection to main. Pending calls fail with <see cref="IpcDisconnectedException"/>. From then on every
    /// method of this instance throws <see cref="ObjectDisposedException"/>, and neither <see cref="Error"/> nor
    /// <see cref="Disconnected"/> is raised once this method has returned. What the dispatcher already holds still runs,
    /// then its thread ends. Calling it again does nothing.
    /// </summary>
    public void Dispose()
    {
        Peer peer;
        lock (_connectionGate)
        {
            _disposed = true;
            peer = _peer;
        }

        peer.Close();
        _dispatcher.Retire();
    }

    /// <summary>
    /// Lets the work already under way finish, then disposes as <see cref="Dispose"/> does. Until the connection
    /// closes, everything works as before: messages this renderer already sent are written out, messages already
    /// received run, and handlers main invoked finish and answer — for at most <see cref="IpcOptions.DrainTimeout"/>.
    /// What is left then is abandoned and logged with the reason. Calling it again, or after <see cref="Dispose"/>,
    /// does nothing.
    /// </summary>
    /// <returns>A task that completes once the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed || Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return;
        }

        await Drain.RunAsync(_dispatcher, [_peer], _drainTimeout, _loggers.Endpoint).ConfigureAwait(false);
        Dispose();
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Creates a renderer over <paramref name="connection"/>, runs <paramref name="configure"/>, then starts delivery.</summary>
    internal static IpcRenderer Create(IpcConnection connection, IpcRendererOptions options, int id, Handshake.Features agreed, SerialDispatcher? deadlockGuard, Action<IpcRenderer>? configure)
    {
        var renderer = new IpcRenderer(connection, options, id, agreed, deadlockGuard);
        try
        {
            configure?.Invoke(renderer);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        if (renderer._loggers.Endpoint is { } logger)
        {
            IpcLog.ConnectedToMain(logger, id);
        }

        renderer._peer.Start();
        return renderer;
    }

    /// <summary>
    /// Takes over a new connection to main (<see cref="ReconnectAsync"/>) and starts its delivery, to the listeners and
    /// handlers already registered. Under the same lock as <see cref="Dispose"/>: a renderer disposed meanwhile closes it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This renderer was disposed; the connection is closed.</exception>
    internal void Attach(IpcConnection connection, int id, Handshake.Features agreed, SerialDispatcher? deadlockGuard)
    {
        Peer peer = NewPeer(connection, id, agreed);
        lock (_connectionGate)
        {
            if (_disposed)
            {
                connection.Dispose();
                ThrowIfDisposed();
            }

            _peer = peer;
            Id = id;
            _deadlockGuard = deadlockGuard;
        }

        if (_loggers.Endpoint is { } logger)
        {
            IpcLog.ConnectedToMain(logger, id);
        }

        peer.Start();
    }

    private Peer NewPeer(IpcConnection connection, int id, Handshake.Features agreed)
    {
        var telemetry = new PeerTelemetry(PeerTelemetry.Renderer, connection.NetworkTransport, id, agreed.HasFlag(Handshake.Features.TraceContext));
        return new Peer(connection, this, InboundPolicy.ForRenderer(), _options.SerializerOrDefault, _options.MaxMessageSize, outgoingLimits: null, "the main process", telemetry, agreed);
    }

    internal void RaiseError(IpcErrorEventArgs args)
    {
        IpcLog.Reported(_loggers, args);
        if (_disposed)
        {
            return;
        }

        try
        {
            Error?.Invoke(this, args);
        }
        catch (Exception)
        {
            // The error handler itself failed; there is nowhere left to report it.
        }
    }

    Exception? IPeerEndpoint.OnMessage(Peer peer, string channel, IpcArgs args)
    {
        EmitResult result = _listeners.Emit(channel, new IpcRendererEvent(this, channel), args);
        if (result.ListenersRun == 0)
        {
            _unheard.Dropped(channel, peer.Name);
        }

        return result.FirstError;
    }

    void IPeerEndpoint.OnSyncMessage(Peer peer, ReplySlot reply, string channel, IpcArgs args) =>
        throw new InvalidOperationException("A renderer accepts no SendSync: main never blocks on a renderer."); // InboundPolicy refuses them first

    Task<object?>? IPeerEndpoint.StartHandler(Peer peer, string channel, IpcArgs args, CancellationToken cancellationToken)
    {
        IpcRendererHandler? handler = _handlers.Take(channel);
        return handler is null
            ? null
            : handler(new IpcRendererInvokeEvent(this, channel, cancellationToken), args)
                ?? Task.FromException<object?>(new InvalidOperationException($"The handler for '{channel}' returned a null Task."));
    }

    void IPeerEndpoint.ReportError(IpcErrorEventArgs args)
    {
        if (_dispatcher.IsRunningOnCurrentThread)
        {
            RaiseError(args);
        }
        else
        {
            _dispatcher.Enqueue(new RaiseErrorItem(this, args));
        }
    }

    void IPeerEndpoint.OnPeerClosed(Peer peer, Exception? error)
    {
        if (error is not null)
        {
            _dispatcher.Enqueue(new RaiseErrorItem(this, new IpcErrorEventArgs(new IpcDisconnectedException($"The connection to the main process broke: {error.Message}", error), null, null)));
        }

        _dispatcher.Enqueue(new RaiseDisconnected(this));
    }

    private sealed class RaiseErrorItem(IpcRenderer renderer, IpcErrorEventArgs args) : IDispatchItem
    {
        public void Run() => renderer.RaiseError(args);
    }

    private sealed class RaiseDisconnected(IpcRenderer renderer) : IDispatchItem
    {
        public void Run()
        {
            if (renderer._loggers.Endpoint is { } logger)
            {
                IpcLog.DisconnectedFromMain(logger);
            }

            if (!renderer._disposed)
            {
                renderer.Disconnected?.Invoke(renderer, EventArgs.Empty);
            }
        }
    }
}
