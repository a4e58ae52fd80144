using System.Collections.ObjectModel;
using System.Diagnostics;
using Ipc.Connection;
using Ipc.Dispatch;
using Ipc.Emitter;
using Ipc.Logging;
using Ipc.Main;
using Ipc.Processes;
using Ipc.Protocol;
using Ipc.Registration;
using Ipc.Supervision;
using Ipc.Telemetry;
using Ipc.Transport;
using Microsoft.Extensions.Logging;

namespace Ipc;

/// <summary>
/// The main process's end of IPC: Electron's <c>ipcMain</c>. Listeners (<see cref="On"/>) receive
/// messages renderers send; handlers (<see cref="Handle"/>) answer their invocations; <see cref="IpcSender"/>
/// and <see cref="InvokeAllAsync{T}(string, object?[], CancellationToken)"/> send to renderers and invoke theirs.
/// Listeners and handlers run one at a time, in the order messages arrived, never concurrently.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safety: every member is safe to call from any thread. Registration (<see cref="On"/>, <see cref="Handle"/>,
/// …) takes effect for the next message dispatched.
/// </para>
/// <para>
/// Threads: listeners, handlers (up to their first <c>await</c>, and their continuations unless they leave the context)
/// and the <see cref="Error"/> and <see cref="RendererGone"/> events all run on main's dispatcher, one at a time: the
/// <see cref="IpcOptions.SynchronizationContext"/> when one is set, otherwise IpcGen's own threads (the loop's thread,
/// or a reading thread that found the loop idle; never the thread pool, and not always the same thread). This holds for
/// every error, including one raised by a handler whose task faults on another thread, by a connection's reading
/// thread or by supervision: it is queued to the dispatcher, never raised where it was detected.
/// </para>
/// </remarks>
public sealed class IpcMain : IDisposable, IAsyncDisposable, IPeerEndpoint
{
    private readonly object _renderersGate = new();
    private IpcSender[] _renderers = [];
    private ReadOnlyCollection<IpcSender> _renderersSnapshot = ReadOnlyCollection<IpcSender>.Empty; // what Renderers hands out: _renderers, read-only
    private int _nextRendererId;
    private readonly bool _reportsHandlerExceptions;
    private volatile bool _disposed;
    private bool _draining;
    private RendererLauncher? _launcher;
    private Web.WebRenderers? _web;
    private IpcSupervisedRenderer[] _supervised = [];

    /// <summary>Creates a main process endpoint.</summary>
    /// <param name="options">Its settings; the defaults when null.</param>
    public IpcMain(IpcMainOptions? options = null)
    {
        options ??= new IpcMainOptions();
        Serializer = options.SerializerOrDefault;
        MaxMessageSize = options.MaxMessageSize;
        OutgoingLimits = new OutgoingQueueLimits(options.MaxQueuedBytesPerRenderer, options.StalledRendererTimeout);
        Budgets = new RendererBudgets(options.MaxUndispatchedBytesPerRenderer, options.MaxUndispatchedBytesTotal);
        RendererInvokeTimeout = options.RendererInvokeTimeout;
        DrainTimeout = options.DrainTimeout;
        MaxConnectionsPerLaunch = options.MaxConnectionsPerLaunch;
        IncompleteFrameTimeout = options.IncompleteFrameTimeout;
        Transport = options.Transport;
        _reportsHandlerExceptions = options.ReportHandlerExceptions;
        OfferedFeatures = Handshake.Offered(options);
        Loggers = IpcLoggers.From(options, IpcLoggers.MainCategory);
        Listeners = new MainListeners(this);
        Dispatcher = new SerialDispatcher(options.SynchronizationContext, e => RaiseError(new IpcErrorEventArgs(e, null, null)));
        Unheard = new UnheardChannels(Loggers.Endpoint);
    }

    /// <summary>
    /// Raised, on main's dispatcher, when a listener throws, a handler throws or faults (unless
    /// <see cref="IpcOptions.ReportHandlerExceptions"/> is false: its caller gets the error as <see cref="IpcRemoteException"/>
    /// either way), a handler's reply cannot be sent, or a renderer sends something malformed or is refused. The
    /// dispatcher and the connection carry on either way; an exception thrown by a subscriber is ignored.
    /// </summary>
    public event EventHandler<IpcErrorEventArgs>? Error;

    /// <summary>
    /// Raised on main's dispatcher when a renderer's connection ends, once per renderer, after it has left
    /// <see cref="Renderers"/>; for a renderer main started, once its process has exited, with the exit code.
    /// </summary>
    public event EventHandler<IpcRendererGoneEventArgs>? RendererGone;

    /// <summary>
    /// The connected renderers, in the order they connected: a read-only snapshot that later connections and departures
    /// do not change. Reading it allocates nothing: each connection and departure makes the next snapshot, and every read
    /// in between returns the same one. It takes the lock under which a renderer is welcomed, so a renderer that has been
    /// told it is connected is always listed. Empty once this instance is disposed. Thread-safe.
    /// </summary>
    public IReadOnlyList<IpcSender> Renderers
    {
        get
        {
            lock (_renderersGate)
            {
                return _disposed ? ReadOnlyCollection<IpcSender>.Empty : _renderersSnapshot;
            }
        }
    }

    /// <summary>The channels that have listeners, in the order they first got one: Electron's <c>eventNames()</c>.</summary>
    public IReadOnlyList<string> ChannelNames => Listeners.ChannelNames;

    internal IIpcSerializer Serializer { get; }

    internal int MaxMessageSize { get; }

    /// <summary>What main holds for a renderer process that does not read (see <see cref="IpcMainOptions.MaxQueuedBytesPerRenderer"/>).</summary>
    internal OutgoingQueueLimits OutgoingLimits { get; }

    /// <summary>See <see cref="IpcMainOptions.MaxUndispatchedBytesPerRenderer"/>.</summary>
    internal RendererBudgets Budgets { get; }

    /// <summary>See <see cref="IpcMainOptions.RendererInvokeTimeout"/>.</summary>
    internal TimeSpan RendererInvokeTimeout { get; }

    /// <summary>See <see cref="IpcMainOptions.MaxConnectionsPerLaunch"/>.</summary>
    internal int MaxConnectionsPerLaunch { get; }

    /// <summary>See <see cref="IpcMainOptions.IncompleteFrameTimeout"/>.</summary>
    internal TimeSpan IncompleteFrameTimeout { get; }

    /// <summary>See <see cref="IpcMainOptions.Transport"/>.</summary>
    internal IpcTransport Transport { get; }

    /// <summary>See <see cref="IpcOptions.DrainTimeout"/>.</summary>
    internal TimeSpan DrainTimeout { get; }

    /// <summary>What main agrees to when a renderer offers it (see <see cref="IpcOptions.PropagateTraceContext"/>).</summary>
    internal Handshake.Features OfferedFeatures { get; }

    internal IpcLoggers Loggers { get; }

    internal MainListeners Listeners { get; }

    internal HandlerTable<IpcMainHandler> Handlers { get; } = new();

    internal SerialDispatcher Dispatcher { get; }

    private UnheardChannels Unheard { get; }

    SerialDispatcher IPeerEndpoint.Dispatcher => Dispatcher;

    /// <summary>Main never blocks on a renderer: there is no main → renderer SendSync.</summary>
    bool IPeerEndpoint.IsDispatcherBlockedInSendSync => false;

    bool IPeerEndpoint.IsDisposed => _disposed;

    bool IPeerEndpoint.ReportsHandlerExceptions => _reportsHandlerExceptions;

    /// <summary>Adds <paramref name="listener"/> for messages renderers send on <paramref name="channel"/>: Electron's <c>ipcMain.on</c>.</summary>
    /// <param name="channel">The channel to listen on.</param>
    /// <param name="listener">Runs on main's dispatcher for every message on the channel, after the listeners added before it.</param>
    /// <returns>
    /// A subscription whose disposal removes this registration (the most recent one of <paramref name="listener"/> on the
    /// channel, as <c>RemoveListener</c> does); disposing it again, or after this instance is disposed, does nothing.
    /// </returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable On(string channel, IpcMainListener listener) => AddListener(channel, listener, listener, once: false, handsOutArguments: true);

    /// <summary>Adds a listener for the next message on <paramref name="channel"/> only; it is removed before it runs.</summary>
    /// <param name="channel">The channel to listen on.</param>
    /// <param name="listener">Runs on main's dispatcher for the next message on the channel.</param>
    /// <returns>A subscription whose disposal removes the registration if it has not run yet; see <see cref="On"/>.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Once(string channel, IpcMainListener listener) => AddListener(channel, listener, listener, once: true, handsOutArguments: true);

    /// <summary>
    /// Adds <paramref name="listener"/> under <paramref name="key"/>, the delegate that
    /// <see cref="RemoveListener(string, Delegate)"/> will be given. Typed channel wrappers use this to let
    /// users remove the typed delegate they registered (generated code reaches it through <see cref="CompilerServices.IpcListenerRegistry"/>).
    /// </summary>
    internal IDisposable AddListener(string channel, IpcMainListener listener, Delegate key, bool once, bool handsOutArguments)
    {
        ThrowIfDisposed();
        Listeners.Add(channel, listener, key, once, handsOutArguments);
        return new Subscription<IpcMain, Delegate>(this, channel, key, static (main, channel, key) => main.RemoveListener(channel, key));
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/> on <paramref name="channel"/>, whether by <see cref="On"/> or <see cref="Once"/>; does nothing if there is none.</summary>
    /// <param name="channel">The channel the listener was added on.</param>
    /// <param name="listener">The listener that was added.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveListener(string channel, IpcMainListener listener) => RemoveListener(channel, (Delegate)listener);

    /// <summary>Removes the most recently added registration whose key is <paramref name="listener"/>.</summary>
    internal void RemoveListener(string channel, Delegate listener)
    {
        ThrowIfDisposed();
        Listeners.Remove(channel, listener);
    }

    /// <summary>Removes every listener of <paramref name="channel"/>, or of every channel when it is null: Electron's <c>removeAllListeners</c>.</summary>
    /// <param name="channel">The channel to clear, or null for all of them.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveAllListeners(string? channel = null)
    {
        ThrowIfDisposed();
        Listeners.RemoveAll(channel);
    }

    /// <summary>How many listeners <paramref name="channel"/> has: Electron's <c>listenerCount</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The number of registrations, a listener added twice counting twice.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public int ListenerCount(string channel)
    {
        ThrowIfDisposed();
        return Listeners.Count(channel);
    }

    /// <summary>
    /// Registers the handler that answers <see cref="IpcRenderer.InvokeAsync{T}(string, object?[], CancellationToken)"/> on
    /// <paramref name="channel"/>: Electron's <c>ipcMain.handle</c>. It starts on main's dispatcher; the result of its task is the reply.
    /// </summary>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers each invocation; its task's result is the reply.</param>
    /// <returns>A subscription whose disposal removes this handler, unless it was removed or replaced meanwhile.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Handle(string channel, IpcMainHandler handler) => AddHandler(channel, handler, once: false);

    /// <summary>
    /// Registers a handler whose result, of type <typeparamref name="T"/>, is the reply: no <c>Task&lt;object?&gt;</c> to
    /// build, a result ready at once costs no task, and a value-type result is not boxed (it travels as a typed channel's
    /// does). Otherwise as <see cref="Handle(string, IpcMainHandler)"/>. It takes a <see cref="ValueTask{TResult}"/> so that
    /// a lambda returning <c>Task&lt;object?&gt;</c> still binds to that overload without ambiguity.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers each invocation.</param>
    /// <returns>A subscription whose disposal removes this handler, unless it was removed or replaced meanwhile.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable Handle<T>(string channel, Func<IpcMainInvokeEvent, IpcArgs, ValueTask<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(channel, new TypedHandler<IpcMainInvokeEvent, T>(handler).Invoke, once: false);
    }

    /// <summary>Registers a handler that is removed before it answers its first invocation: Electron's <c>ipcMain.handleOnce</c>.</summary>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers the next invocation.</param>
    /// <returns>A subscription whose disposal removes the handler if it has not been taken yet.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable HandleOnce(string channel, IpcMainHandler handler) => AddHandler(channel, handler, once: true);

    /// <summary>Registers a handler, typed as in <see cref="Handle{T}(string, Func{IpcMainInvokeEvent, IpcArgs, ValueTask{T}})"/>, that is removed before it answers its first invocation.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="channel">The channel to answer.</param>
    /// <param name="handler">Answers the next invocation.</param>
    /// <returns>A subscription whose disposal removes the handler if it has not been taken yet.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IDisposable HandleOnce<T>(string channel, Func<IpcMainInvokeEvent, IpcArgs, ValueTask<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(channel, new TypedHandler<IpcMainInvokeEvent, T>(handler).Invoke, once: true);
    }

    /// <summary>Removes the handler of <paramref name="channel"/>, if any: Electron's <c>ipcMain.removeHandler</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public void RemoveHandler(string channel)
    {
        ThrowIfDisposed();
        Handlers.Remove(channel);
    }

    private IDisposable AddHandler(string channel, IpcMainHandler handler, bool once)
    {
        ThrowIfDisposed();
        return Handlers.Register(channel, handler, once);
    }

    /// <summary>
    /// Invokes the handler of <paramref name="channel"/> on every connected renderer at once (each renderer's
    /// <see cref="IpcRenderer.Handle"/>) and returns one result per renderer, in the order of <see cref="Renderers"/>.
    /// One renderer's failure, departure or timeout (<see cref="IpcMainOptions.RendererInvokeTimeout"/>) is its
    /// own result and never fails the others or the whole call; cancelling <paramref name="cancellationToken"/>
    /// cancels every renderer's handler and each result carries the <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <typeparam name="T">The type of the handlers' results.</typeparam>
    /// <param name="channel">The channel to invoke.</param>
    /// <param name="args">The arguments, serialised once per renderer.</param>
    /// <param name="cancellationToken">Cancels every call.</param>
    /// <returns>One result per renderer connected when the call started; empty when none is.</returns>
    /// <exception cref="ArgumentException">The channel name is invalid, or a <see cref="CancellationToken"/> is among <paramref name="args"/>.</exception>
    public Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ChannelName.Validate(channel);
        MessageArguments.RejectCancellationTokens(MessageKind.Invoke, channel, args);
        return InvokeAllCoreAsync<T>(channel, args, cancellationToken);
    }

    /// <summary>Invokes the handler of <paramref name="channel"/> on every connected renderer with <paramref name="args"/>; see <see cref="InvokeAllAsync{T}(string, object?[], CancellationToken)"/>.</summary>
    /// <typeparam name="T">The type of the handlers' results.</typeparam>
    /// <param name="channel">The channel to invoke.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>One result per renderer.</returns>
    public Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllAsync<T>(string channel, params object?[]? args) =>
        InvokeAllAsync<T>(channel, args, CancellationToken.None);

    private Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllCoreAsync<T>(string channel, object?[]? args, CancellationToken cancellationToken)
    {
        IReadOnlyList<IpcSender> renderers = Renderers;
        var calls = new Task<T?>[renderers.Count];
        for (int i = 0; i < calls.Length; i++)
        {
            try
            {
                calls[i] = renderers[i].InvokeAsync<T>(channel, args, cancellationToken);
            }
            catch (Exception e)
            {
                calls[i] = Task.FromException<T?>(e);
            }
        }

        return CollectAsync(renderers, calls);
    }

    /// <summary>
    /// Invokes every connected renderer with an argument section generated code serialised once
    /// (<see cref="CompilerServices.IpcBroadcastWriter"/>); each call's frame is built before this returns, so the
    /// caller may give the section back.
    /// </summary>
    internal Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllAround<T>(string channel, BroadcastSection section, CancellationToken cancellationToken)
    {
        IReadOnlyList<IpcSender> renderers = Renderers;
        var calls = new Task<T?>[renderers.Count];
        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = renderers[i].InvokeAround<T>(channel, section, cancellationToken);
        }

        return CollectAsync(renderers, calls);
    }

    private static async Task<IReadOnlyList<IpcRendererResult<T>>> CollectAsync<T>(IReadOnlyList<IpcSender> renderers, Task<T?>[] calls)
    {
        try
        {
            await Task.WhenAll(calls).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each failure is reported in its renderer's result below.
        }

        var results = new IpcRendererResult<T>[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            results[i] = calls[i].IsCompletedSuccessfully
                ? IpcRendererResult<T>.Success(renderers[i], calls[i].Result)
                : IpcRendererResult<T>.Failure(renderers[i], calls[i].Exception?.InnerException ?? new TaskCanceledException(calls[i]));
        }

        return results;
    }

    // RS0026: each pair differs in its first required parameter (a configure callback), so calls bind without
    // ambiguity; a later release adds overloads, never optional parameters, to these methods.
#pragma warning disable RS0026
    /// <summary>
    /// Connects a renderer living in this process. It behaves as a renderer in another process would:
    /// arguments are serialised copies and its calls queue on main's dispatcher.
    /// </summary>
    /// <param name="options">The renderer's settings; when null, main's serializer and maximum message size.</param>
    /// <returns>The connected renderer; dispose it to disconnect.</returns>
    /// <exception cref="ObjectDisposedException">This instance is disposed or draining.</exception>
    public IpcRenderer ConnectInProcess(IpcRendererOptions? options = null) => ConnectInProcess(configure: null, options);

    /// <summary>
    /// Connects a renderer living in this process, running <paramref name="configure"/> on it before anything
    /// main sends is delivered, so listeners and handlers registered there miss nothing.
    /// </summary>
    /// <param name="configure">Registers listeners and handlers before delivery starts; may be null.</param>
    /// <param name="options">The renderer's settings; when null, main's serializer and maximum message size.</param>
    /// <returns>The connected renderer; dispose it to disconnect.</returns>
    /// <exception cref="ObjectDisposedException">This instance is disposed or draining.</exception>
    public IpcRenderer ConnectInProcess(Action<IpcRenderer>? configure, IpcRendererOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed || _draining, this);
        options ??= new IpcRendererOptions { Serializer = Serializer, MaxMessageSize = MaxMessageSize };
        (InProcessConnection mainEnd, InProcessConnection rendererEnd) = InProcessConnection.CreatePair();
        Handshake.Features agreed = OfferedFeatures & Handshake.Offered(options); // what a handshake would have agreed
        IpcSender sender = AddRenderer(mainEnd, agreed);
        return IpcRenderer.Create(rendererEnd, options, sender.Id, agreed, deadlockGuard: Dispatcher, configure);
    }
#pragma warning restore RS0026

    /// <summary>
    /// Starts a renderer process and returns once it has connected: Electron's <c>new BrowserWindow</c>.
    /// The child finds main through environment variables added to a copy of <paramref name="startInfo"/>
    /// (<see cref="IpcEndpoint.AddressVariable"/>, <see cref="IpcEndpoint.TokenVariable"/>); the caller's instance is left
    /// as it was and may be used again. The child connects with
    /// <see cref="IpcRenderer.ConnectToParentAsync(Action{IpcRenderer}, IpcRendererOptions?, CancellationToken)"/>.
    /// The token is this launch's own: it admits <see cref="IpcMainOptions.MaxConnectionsPerLaunch"/> connections,
    /// from the child or (on Linux, where main checks) one of its descendants, and is refused after that.
    /// When it exits or is killed, <see cref="RendererGone"/> reports its exit code.
    /// </summary>
    /// <returns>
    /// The connected renderer; its <see cref="IpcSender.ProcessId"/> is the connecting process's id as the OS reports
    /// it: the child's, or a descendant's if the child started the real renderer.
    /// </returns>
    /// <param name="startInfo">How to start the child; it is copied, never written to.</param>
    /// <param name="cancellationToken">Cancels the start; the child is killed if it was started.</param>
    /// <exception cref="ArgumentNullException"><paramref name="startInfo"/> is null.</exception>
    /// <exception cref="IpcException">The process exited before connecting.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; the child is killed.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    /// <remarks>Thread-safe.</remarks>
    public Task<IpcSender> StartRendererAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken = default) =>
        Launcher.StartAsync(startInfo, cancellationToken);

    /// <summary>
    /// Sets up a supervised renderer: a renderer process that main restarts when it crashes, stops answering or fails to
    /// start, within a crash budget, with an exponential back-off (docs/supervision.md). Nothing starts until
    /// <see cref="IpcSupervisedRenderer.StartAsync"/>, so that handlers of its events can be attached first; each instance
    /// then starts as <see cref="StartRendererAsync"/> starts one. Disposing main stops it and kills its instance.
    /// </summary>
    /// <param name="startInfo">
    /// Makes the <see cref="ProcessStartInfo"/> of each instance, called once per start on a thread-pool thread. It may
    /// return the same instance every time: each start copies it before adding the connection's address and token. An exception it throws,
    /// or a process that cannot start, is a <see cref="IpcRendererExitReason.BootFailure"/>.
    /// </param>
    /// <param name="options">The restart policy and the liveness check; the defaults when null. Its values are copied.</param>
    /// <returns>The supervised renderer, not started yet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="startInfo"/> is null.</exception>
    /// <exception cref="ArgumentException">The values of <paramref name="options"/> disagree (a maximum delay below the initial one).</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    /// <remarks>Thread-safe.</remarks>
    public IpcSupervisedRenderer SuperviseRenderer(Func<ProcessStartInfo> startInfo, IpcSupervisionOptions? options = null)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(startInfo);
        return SuperviseRendererWith(() => Launcher, startInfo, (options ?? new IpcSupervisionOptions()).Validated());
    }

    /// <summary>Creates a supervised renderer whose instances come from <paramref name="starter"/>: the seam the unit tests use for fake processes.</summary>
    internal IpcSupervisedRenderer SuperviseRendererWith(Func<IRendererStarter> starter, Func<ProcessStartInfo> startInfo, IpcSupervisionOptions validatedOptions)
    {
        var supervised = new IpcSupervisedRenderer(this, startInfo, validatedOptions, starter);
        lock (_renderersGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _supervised = [.. _supervised, supervised];
        }

        return supervised;
    }

    /// <summary>Forgets a supervised renderer whose supervision has ended.</summary>
    internal void Unregister(IpcSupervisedRenderer supervised)
    {
        lock (_renderersGate)
        {
            int index = Array.IndexOf(_supervised, supervised);
            if (index >= 0)
            {
                _supervised = [.. _supervised.AsSpan(0, index), .. _supervised.AsSpan(index + 1)];
            }
        }
    }

    /// <summary>
    /// Starts accepting renderer connections over the local transport (<see cref="IpcMainOptions.Transport"/>: a
    /// Unix domain socket in a private 0700 directory, or a current-user-only named pipe), if not already, and
    /// returns where and how to connect. Pass it to <see cref="IpcRenderer.ConnectAsync(IpcEndpoint, IpcRendererOptions?, CancellationToken)"/>
    /// to connect a renderer that this method's caller starts itself, or that lives in this process. The endpoint's
    /// token is separate from every launch's and admits any number of connections, from any process of this OS
    /// user that has it: hand it only to processes you trust as renderers. Every call returns the same endpoint.
    /// </summary>
    /// <returns>The address and the token to connect with.</returns>
    public IpcEndpoint Listen() => Launcher.Endpoint;

    /// <summary>
    /// Starts accepting web pages as renderers, if not already, and returns where they connect: a WebSocket on the
    /// loopback interface (never another one), beside the JavaScript client (<see cref="IpcWebEndpoint.ClientScriptPath"/>)
    /// and, when <see cref="IpcWebOptions.ContentRoot"/> is set, the pages themselves. A page connects with
    /// <c>connect()</c> of the JavaScript client and this endpoint's token (docs/web.md); an upgrade from an origin not
    /// allowed, with a foreign <c>Host</c>, or a Hello with a wrong token is refused and reported on <see cref="Error"/>.
    /// A connected page is an <see cref="IpcSender"/> like any renderer, with <see cref="IpcSender.ProcessId"/> 0 (a page's
    /// process is unknown) and <see cref="IpcSender.Origin"/> set; its departure (a closed tab) is a
    /// <see cref="RendererGone"/> with no exit code. Pages cannot send synchronous messages: a browser cannot block on a WebSocket.
    /// </summary>
    /// <param name="options">Port, allowed origins and content root; read once, at the first call.</param>
    /// <returns>The page endpoint; every call returns the same one.</returns>
    /// <exception cref="ArgumentException">An allowed origin is not an origin, or the content root is not a folder.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The port is taken.</exception>
    /// <exception cref="ObjectDisposedException">This instance is disposed.</exception>
    public IpcWebEndpoint ListenWeb(IpcWebOptions? options = null)
    {
        lock (_renderersGate)
        {
            ObjectDisposedException.ThrowIf(_disposed || _draining, this);
            return (_web ??= new Web.WebRenderers(this, (options ?? new IpcWebOptions()).Validated())).Endpoint;
        }
    }

    /// <summary>
    /// Closes every renderer's connection, stops every supervised renderer (killing its instance) and stops listening,
    /// at once. Calls pending in either direction fail with <see cref="IpcDisconnectedException"/>; messages not yet
    /// written are dropped (<see cref="DisposeAsync"/> writes them first). From then on every method of this instance,
    /// and of its <see cref="IpcSender"/>s and typed views, throws <see cref="ObjectDisposedException"/>;
    /// <see cref="Renderers"/> is empty, and neither <see cref="Error"/> nor <see cref="RendererGone"/> is raised once
    /// this method has returned. Calling it again does nothing.
    /// </summary>
    public void Dispose()
    {
        IpcSender[] renderers;
        IpcSupervisedRenderer[] supervised;
        lock (_renderersGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            renderers = _renderers;
            supervised = _supervised;
        }

        // Supervision first: an instance whose connection closes below must be seen as stopped, never as crashed.
        foreach (IpcSupervisedRenderer renderer in supervised)
        {
            renderer.Abandon();
        }

        foreach (IpcSender renderer in renderers)
        {
            renderer.Peer.Close();
        }

        _launcher?.Dispose();
        _web?.Dispose();
        Dispatcher.Retire(); // the events of the closing connections still run; then its thread ends, without idling
    }

    /// <summary>
    /// Stops accepting renderers, lets the work already under way finish, then disposes as <see cref="Dispose"/> does.
    /// Until the connections close, everything works as before: messages main already sent are written out, messages
    /// already received run, and handlers already running finish and answer — for at most
    /// <see cref="IpcOptions.DrainTimeout"/>. What is left then is abandoned and logged with the reason: unwritten
    /// messages are dropped, and running handlers' tokens are cancelled while their callers see the connection close.
    /// Calling it again, or after <see cref="Dispose"/>, does nothing.
    /// </summary>
    /// <returns>A task that completes once every connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        RendererLauncher? launcher;
        lock (_renderersGate)
        {
            if (_disposed || _draining)
            {
                return;
            }

            _draining = true;
            launcher = _launcher;
        }

        launcher?.StopAccepting();
        _web?.Dispose();
        await Drain.RunAsync(Dispatcher, [.. _renderers.Select(r => r.Peer)], DrainTimeout, Loggers.Endpoint).ConfigureAwait(false);
        Dispose();
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once <see cref="Dispose"/> has begun.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Takes the next renderer id, for a transport that tells the renderer its id before adding it.</summary>
    internal int ReserveRendererId() => Interlocked.Increment(ref _nextRendererId);

    /// <summary>
    /// Adds a connected renderer. <paramref name="announce"/>, when given, runs before the renderer becomes
    /// visible in <see cref="Renderers"/> but under the same lock, so that a renderer told it is connected
    /// (the handshake's welcome) is already listed by the time it can act on it.
    /// </summary>
    /// <param name="connection">The renderer's connection.</param>
    /// <param name="agreed">The features the renderer and main agreed to.</param>
    /// <param name="id">The id reserved for it, if the transport told the renderer already.</param>
    /// <param name="announce">Tells the renderer it is connected.</param>
    internal IpcSender AddRenderer(IpcConnection connection, Handshake.Features agreed, int? id = null, Action? announce = null)
    {
        IpcSender sender;
        lock (_renderersGate)
        {
            ObjectDisposedException.ThrowIf(_disposed || _draining, this); // a handshake that ends while main drains is turned away
            int rendererId = id ?? ReserveRendererId();

            // A renderer in main's own process delivers on its sender's thread and never waits: it has no budget.
            RendererBudgets.Share? share = connection.HasReadingThread ? Budgets.Acquire(connection.RemoteProcessId) : null;
            try
            {
                var peer = new Peer(
                    connection,
                    this,
                    InboundPolicy.ForMain(share?.Inbound),
                    Serializer,
                    MaxMessageSize,
                    OutgoingLimits with { Process = share?.Outgoing },
                    IpcSender.Describe(rendererId, connection.RemoteProcessId, connection.RemoteOrigin),
                    new PeerTelemetry(PeerTelemetry.Main, connection.NetworkTransport, rendererId, agreed.HasFlag(Handshake.Features.TraceContext)),
                    agreed);
                sender = new IpcSender(peer, rendererId, connection.RemoteProcessId, RendererInvokeTimeout) { Share = share, Origin = connection.RemoteOrigin };

                // Logged before the welcome goes out: once the renderer has it, it may leave at once, and "gone" must
                // never be logged before "connected".
                if (Loggers.Endpoint is { } logger)
                {
                    IpcLog.RendererConnected(logger, sender);
                }

                announce?.Invoke();
            }
            catch when (share is not null)
            {
                Budgets.Release(connection.RemoteProcessId, share); // the welcome could not be sent: no renderer
                throw;
            }

            SetRenderers([.. _renderers, sender]);
        }

        sender.Peer.Start();
        return sender;
    }

    /// <summary>Replaces the list of connected renderers and the snapshot <see cref="Renderers"/> returns.</summary>
    private void SetRenderers(IpcSender[] renderers)
    {
        Debug.Assert(Monitor.IsEntered(_renderersGate), "The renderer list changes under its gate only.");
        _renderers = renderers;
        _renderersSnapshot = new ReadOnlyCollection<IpcSender>(renderers);
    }

    /// <summary>Raises <see cref="Error"/> on the current thread, unless disposed (then it is only logged); a throwing subscriber is ignored.</summary>
    internal void RaiseError(IpcErrorEventArgs args)
    {
        IpcLog.Reported(Loggers, args);
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
        EmitResult result = Listeners.Emit(channel, new IpcMainEvent(peer, channel, reply: null), args);
        if (result.ListenersRun == 0)
        {
            Unheard.Dropped(channel, peer.Name);
        }

        return result.FirstError;
    }

    void IPeerEndpoint.OnSyncMessage(Peer peer, ReplySlot reply, string channel, IpcArgs args)
    {
        using Peer.SendSyncScope answering = peer.AnswerSendSync();
        var e = new IpcMainEvent(peer, channel, reply);
        e.CompleteSync(Listeners.Emit(channel, e, args));
    }

    Task<object?>? IPeerEndpoint.StartHandler(Peer peer, string channel, IpcArgs args, CancellationToken cancellationToken)
    {
        IpcMainHandler? handler = Handlers.Take(channel);
        return handler is null
            ? null
            : handler(new IpcMainInvokeEvent(peer.Sender!, channel, cancellationToken), args)
                ?? Task.FromException<object?>(new InvalidOperationException($"The handler for '{channel}' returned a null Task."));
    }

    void IPeerEndpoint.ReportError(IpcErrorEventArgs args) => ReportError(args);

    /// <summary>Raises <see cref="Error"/> on main's dispatcher: at once when called there, queued otherwise.</summary>
    internal void ReportError(IpcErrorEventArgs args)
    {
        if (Dispatcher.IsRunningOnCurrentThread)
        {
            RaiseError(args);
        }
        else
        {
            Dispatcher.Enqueue(new RaiseErrorItem(this, args));
        }
    }

    void IPeerEndpoint.OnPeerClosed(Peer peer, Exception? error)
    {
        IpcSender sender = peer.Sender!;
        sender.MarkGone();
        lock (_renderersGate)
        {
            int index = Array.IndexOf(_renderers, sender);
            if (index < 0)
            {
                return;
            }

            SetRenderers([.. _renderers.AsSpan(0, index), .. _renderers.AsSpan(index + 1)]);
        }

        if (sender.Share is { } share)
        {
            Budgets.Release(sender.ProcessId, share);
        }

        if (error is not null)
        {
            Dispatcher.Enqueue(new RaiseErrorItem(this, new IpcErrorEventArgs(new IpcDisconnectedException($"The connection to {sender} broke: {error.Message}", error), null, sender)));
        }

        RendererLauncher? launcher = Volatile.Read(ref _launcher);
        if (launcher is null)
        {
            Dispatcher.Enqueue(new RaiseRendererGone(this, new IpcRendererGoneEventArgs(sender, exitCode: null)));
        }
        else
        {
            _ = RaiseRendererGoneAfterExitAsync(launcher, sender);
        }
    }

    /// <summary>Lets a started renderer's process exit first, so the event carries its exit code.</summary>
    private async Task RaiseRendererGoneAfterExitAsync(RendererLauncher launcher, IpcSender renderer)
    {
        int? exitCode = await launcher.ExitCodeAsync(renderer.Id).ConfigureAwait(false);
        Dispatcher.Enqueue(new RaiseRendererGone(this, new IpcRendererGoneEventArgs(renderer, exitCode)));
    }

    private RendererLauncher Launcher
    {
        get
        {
            lock (_renderersGate)
            {
                ObjectDisposedException.ThrowIf(_disposed || _draining, this);
                return _launcher ??= new RendererLauncher(this, MaxConnectionsPerLaunch);
            }
        }
    }

    private sealed class RaiseErrorItem(IpcMain main, IpcErrorEventArgs args) : IDispatchItem
    {
        public void Run() => main.RaiseError(args);
    }

    private sealed class RaiseRendererGone(IpcMain main, IpcRendererGoneEventArgs args) : IDispatchItem
    {
        public void Run()
        {
            if (main.Loggers.Endpoint is { } logger)
            {
                IpcLog.RendererGone(logger, args.Renderer, args.ExitCode);
            }

            if (!main._disposed)
            {
                main.RendererGone?.Invoke(main, args);
            }
        }
    }
}
