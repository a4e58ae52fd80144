using System.ComponentModel;
using System.Diagnostics;
using Ipc.Dispatch;
using Ipc.Logging;
using Ipc.Main;
using Ipc.Processes;
using Ipc.Transport;
using Microsoft.Extensions.Logging;

namespace Ipc;

/// <summary>
/// The main process's end of IPC: Electron's <c>ipcMain</c>. Listeners (<see cref="On"/>) receive
/// messages renderers send; handlers (<see cref="Handle"/>) answer their invocations. Listeners and
/// handlers run one at a time, in the order messages arrived, never concurrently.
/// </summary>
public sealed class IpcMain : IDisposable
{
    private readonly List<RendererLink> _renderers = [];
    private int _nextRendererId;
    private bool _disposed;
    private RendererLauncher? _launcher;

    /// <summary>Creates a main process endpoint.</summary>
    public IpcMain(IpcMainOptions? options = null)
    {
        options ??= new IpcMainOptions();
        Serializer = options.SerializerOrDefault;
        MaxMessageSize = options.MaxMessageSize;
        OutgoingLimits = new OutgoingQueueLimits(options.MaxQueuedBytesPerRenderer, options.StalledRendererTimeout);
        MaxUndispatchedBytes = options.MaxUndispatchedBytesPerRenderer;
        Logger = options.Logger;
        Listeners = new MainListeners(this);
        Dispatcher = new SerialDispatcher(options.SynchronizationContext, e => RaiseError(new IpcErrorEventArgs(e, null, null)));
    }

    /// <summary>
    /// Raised when a listener or handler throws, or a renderer sends something malformed. The dispatcher
    /// and the connection carry on either way.
    /// </summary>
    public event EventHandler<IpcErrorEventArgs>? Error;

    /// <summary>Raised on main's dispatcher when a renderer's connection ends.</summary>
    public event EventHandler<IpcRendererGoneEventArgs>? RendererGone;

    /// <summary>The connected renderers, in the order they connected.</summary>
    public IReadOnlyList<IpcSender> Renderers
    {
        get
        {
            lock (_renderers)
            {
                var senders = new IpcSender[_renderers.Count];
                for (int i = 0; i < senders.Length; i++)
                {
                    senders[i] = _renderers[i].Sender;
                }

                return senders;
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
    internal long MaxUndispatchedBytes { get; }

    internal ILogger? Logger { get; }

    internal MainListeners Listeners { get; }

    internal HandlerRegistry Handlers { get; } = new();

    internal SerialDispatcher Dispatcher { get; }

    /// <summary>Adds <paramref name="listener"/> for messages on <paramref name="channel"/>.</summary>
    /// <returns>This instance, for chaining.</returns>
    public IpcMain On(string channel, IpcMainListener listener) => AddListener(channel, listener, listener, once: false);

    /// <summary>Adds a listener that is removed before it runs for the first time.</summary>
    public IpcMain Once(string channel, IpcMainListener listener) => AddListener(channel, listener, listener, once: true);

    /// <summary>
    /// Adds <paramref name="listener"/> under <paramref name="key"/>, the delegate that
    /// <see cref="RemoveListener(string, Delegate)"/> will be given. Typed channel wrappers use this to let
    /// users remove the typed delegate they registered.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IpcMain AddListener(string channel, IpcMainListener listener, Delegate key, bool once)
    {
        Listeners.Add(channel, listener, key, once);
        return this;
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/> (an <see cref="On"/> or <see cref="Once"/> one).</summary>
    public IpcMain RemoveListener(string channel, IpcMainListener listener) => RemoveListener(channel, (Delegate)listener);

    /// <summary>Removes the most recently added registration whose key is <paramref name="listener"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public IpcMain RemoveListener(string channel, Delegate listener)
    {
        Listeners.Remove(channel, listener);
        return this;
    }

    /// <summary>Removes every listener of <paramref name="channel"/>, or of every channel when it is null.</summary>
    public IpcMain RemoveAllListeners(string? channel = null)
    {
        Listeners.RemoveAll(channel);
        return this;
    }

    /// <summary>How many listeners <paramref name="channel"/> has.</summary>
    public int ListenerCount(string channel) => Listeners.Count(channel);

    /// <summary>Registers the handler that answers <see cref="IpcRenderer.InvokeAsync{T}(string, object?[], CancellationToken)"/> on <paramref name="channel"/>.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void Handle(string channel, IpcMainHandler handler) => AddHandler(channel, handler, once: false);

    /// <summary>Registers a handler that is removed before it answers its first invocation.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void HandleOnce(string channel, IpcMainHandler handler) => AddHandler(channel, handler, once: true);

    /// <summary>Removes the handler of <paramref name="channel"/>, if any.</summary>
    public void RemoveHandler(string channel)
    {
        ChannelName.Validate(channel);
        Handlers.Remove(channel);
    }

    /// <summary>
    /// Connects a renderer living in this process. It behaves as a renderer in another process would:
    /// arguments are serialised copies and its calls queue on main's dispatcher.
    /// </summary>
    public IpcRenderer ConnectInProcess(IpcRendererOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= new IpcRendererOptions { Serializer = Serializer, MaxMessageSize = MaxMessageSize };
        (InProcessConnection mainEnd, InProcessConnection rendererEnd) = InProcessConnection.CreatePair();
        RendererLink link = AddRenderer(mainEnd);
        return new IpcRenderer(rendererEnd, options, link.Sender.Id, deadlockGuard: Dispatcher);
    }

    /// <summary>
    /// Starts a renderer process and returns once it has connected: Electron's <c>new BrowserWindow</c>.
    /// The child finds main through environment variables set on <paramref name="startInfo"/>
    /// (<see cref="IpcEndpoint.AddressVariable"/>, <see cref="IpcEndpoint.TokenVariable"/>) and connects with
    /// <see cref="IpcRenderer.ConnectToParentAsync"/>. When it exits or is killed, <see cref="RendererGone"/>
    /// reports its exit code.
    /// </summary>
    /// <returns>The connected renderer; its <see cref="IpcSender.ProcessId"/> is the child's process id.</returns>
    /// <exception cref="IpcException">The process exited before connecting.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; the child is killed.</exception>
    public Task<IpcSender> StartRendererAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken = default) =>
        Launcher.StartAsync(startInfo, cancellationToken);

    /// <summary>
    /// Starts accepting renderer connections over the platform's local transport (a Unix domain socket in a
    /// private 0700 directory, or a current-user-only named pipe on Windows), if not already, and returns
    /// where and how to connect. Pass it to <see cref="IpcRenderer.ConnectAsync"/> to connect a renderer
    /// that this method's caller starts itself, or that lives in this process.
    /// </summary>
    public IpcEndpoint Listen() => Launcher.Endpoint;

    /// <summary>Closes every renderer's connection. Their pending calls fail with <see cref="IpcDisconnectedException"/>.</summary>
    public void Dispose()
    {
        RendererLink[] links;
        lock (_renderers)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            links = [.. _renderers];
        }

        foreach (RendererLink link in links)
        {
            link.Close();
        }

        _launcher?.Dispose();
    }

    /// <summary>Takes the next renderer id, for a transport that tells the renderer its id before adding it.</summary>
    internal int ReserveRendererId() => Interlocked.Increment(ref _nextRendererId);

    /// <summary>
    /// Adds a connected renderer. <paramref name="announce"/>, when given, runs before the renderer becomes
    /// visible in <see cref="Renderers"/> but under the same lock, so that a renderer told it is connected
    /// (the handshake's welcome) is already listed by the time it can act on it.
    /// </summary>
    internal RendererLink AddRenderer(IpcConnection connection, int? id = null, Action? announce = null)
    {
        RendererLink link;
        lock (_renderers)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            link = new RendererLink(this, connection, id ?? ReserveRendererId());
            announce?.Invoke();
            _renderers.Add(link);
        }

        link.Start();
        if (Logger is not null)
        {
            IpcLog.RendererConnected(Logger, link.Sender);
        }

        return link;
    }

    internal void OnRendererClosed(RendererLink link, Exception? error)
    {
        lock (_renderers)
        {
            if (!_renderers.Remove(link))
            {
                return;
            }
        }

        if (error is not null)
        {
            RaiseErrorOnDispatcher(new IpcErrorEventArgs(new IpcDisconnectedException($"The connection to {link.Sender} broke: {error.Message}", error), null, link.Sender));
        }

        RendererLauncher? launcher = Volatile.Read(ref _launcher);
        if (launcher is null)
        {
            Dispatcher.Enqueue(new RaiseRendererGone(this, new IpcRendererGoneEventArgs(link.Sender, exitCode: null)));
        }
        else
        {
            _ = RaiseRendererGoneAfterExitAsync(launcher, link.Sender);
        }
    }

    /// <summary>Raises <see cref="Error"/> on the current thread; a throwing subscriber is ignored.</summary>
    internal void RaiseError(IpcErrorEventArgs args)
    {
        IpcLog.Reported(Logger, args);
        try
        {
            Error?.Invoke(this, args);
        }
        catch (Exception)
        {
            // The error handler itself failed; there is nowhere left to report it.
        }
    }

    /// <summary>Raises <see cref="Error"/> on main's dispatcher, for errors found where user code must not run.</summary>
    internal void RaiseErrorOnDispatcher(IpcErrorEventArgs args) => Dispatcher.Enqueue(new RaiseErrorItem(this, args));

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
            lock (_renderers)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _launcher ??= new RendererLauncher(this);
            }
        }
    }

    private void AddHandler(string channel, IpcMainHandler handler, bool once)
    {
        ChannelName.Validate(channel);
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Add(channel, handler, once);
    }

    private sealed class RaiseErrorItem(IpcMain main, IpcErrorEventArgs args) : IDispatchItem
    {
        public void Run() => main.RaiseError(args);
    }

    private sealed class RaiseRendererGone(IpcMain main, IpcRendererGoneEventArgs args) : IDispatchItem
    {
        public void Run()
        {
            if (main.Logger is not null)
            {
                IpcLog.RendererGone(main.Logger, args.Renderer, args.ExitCode);
            }

            main.RendererGone?.Invoke(main, args);
        }
    }
}
