using Microsoft.Extensions.Logging;

namespace Ipc;

/// <summary>
/// Settings shared by <see cref="IpcMain"/> and <see cref="IpcRenderer"/>. An endpoint reads them once, when it is
/// created (a renderer again when it reconnects); changing them later has no effect on it. Not thread-safe: set them
/// on one thread, before handing them over.
/// </summary>
public abstract class IpcOptions
{
    /// <summary>The default <see cref="MaxMessageSize"/>: 16 MiB.</summary>
    public const int DefaultMaxMessageSize = 16 * 1024 * 1024;

    /// <summary>The default <see cref="DrainTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);

    private int _maxMessageSize = DefaultMaxMessageSize;
    private TimeSpan _drainTimeout = DefaultDrainTimeout;

    /// <summary>
    /// Serializes arguments and return values. Defaults to <see cref="JsonIpcSerializer.Default"/>
    /// (System.Text.Json). Both ends of a connection must use compatible serializers.
    /// </summary>
    public IIpcSerializer? Serializer { get; set; }

    /// <summary>
    /// The largest encoded message, in bytes, this end sends or accepts. A larger outgoing message fails
    /// with <see cref="IpcMessageTooLargeException"/> before anything is sent.
    /// </summary>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            _maxMessageSize = value;
        }
    }

    /// <summary>
    /// The endpoint's dispatcher, for thread affinity: e.g. a UI thread's context. Listeners, handlers (and the
    /// continuations of their <c>await</c>s that do not leave it), and the endpoint's events (<c>Error</c>, and
    /// <see cref="IpcMain.RendererGone"/> or <see cref="IpcRenderer.Disconnected"/>) are all posted to it, one at a time,
    /// in arrival order. When null they run on IpcGen's own threads instead (a thread of the endpoint's loop, or on main
    /// a reading thread that found the loop idle; never the thread pool, whose threads callers blocked in <c>SendSync</c>
    /// may all occupy), under a context of IpcGen's own that brings <c>await</c> continuations back to the loop; not
    /// always the same thread, so code that needs thread affinity sets a context.
    /// </summary>
    public SynchronizationContext? SynchronizationContext { get; set; }

    /// <summary>
    /// Receives errors (a listener or handler that threw, a malformed frame, a refused connection) and
    /// lifecycle events (a renderer connected or gone). Nothing is logged when it is null; nothing is ever
    /// written to the console.
    /// </summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Creates the loggers of this endpoint, one category per component, so that levels can be set per component:
    /// <c>Ipc.IpcMain</c> or <c>Ipc.IpcRenderer</c> (renderers connected and gone, messages nobody listened to),
    /// <c>Ipc.Listeners</c> (a listener or handler threw) and <c>Ipc.Connections</c> (a connection refused, broken or
    /// sending malformed frames). When it is set, <see cref="Logger"/> is not used. The generic host's
    /// <c>ILoggerFactory</c> fits here.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Whether this end offers, when it connects, to carry the W3C trace context (<c>traceparent</c> and
    /// <c>tracestate</c>) of the current <see cref="System.Diagnostics.Activity"/> with its calls and messages, so that
    /// the other end's spans join the caller's trace. True by default. The context travels only when both ends offer
    /// it, and only while something listens to <see cref="IpcTelemetry.ActivitySourceName"/> on the sending end; an
    /// end that did not offer it never receives it. See docs/observability.md.
    /// </summary>
    public bool PropagateTraceContext { get; set; } = true;

    /// <summary>
    /// How long <c>DisposeAsync</c> lets the endpoint finish its work before it closes: messages already sent are
    /// written out, and handlers and listeners already running or received finish. Past it, what is left is
    /// abandoned (handlers' tokens are cancelled, unwritten messages are dropped) and logged with the reason.
    /// <c>Dispose</c> does not wait. 5 seconds by default; <see cref="TimeSpan.Zero"/> closes at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than <see cref="int.MaxValue"/> milliseconds.</exception>
    public TimeSpan DrainTimeout
    {
        get => _drainTimeout;
        set => _drainTimeout = TimeSpanArguments.NotNegative(value);
    }

    /// <summary>
    /// Whether the endpoint's <c>Error</c> event (and its log) also reports an exception thrown or faulted by one of its
    /// invoke handlers, which the caller already receives as <see cref="IpcRemoteException"/>. True by default, so that no
    /// failure goes unseen on the answering side; set it to false when callers deal with their errors and the second report
    /// is noise. Either way the caller gets the error and the failure is counted in the error metric. Listener exceptions are
    /// always reported (the sender of a fire-and-forget message never sees them), and so is a handler's reply that cannot
    /// be sent (its caller gets an <see cref="IpcException"/> saying so).
    /// </summary>
    public bool ReportHandlerExceptions { get; set; } = true;

    internal IIpcSerializer SerializerOrDefault => Serializer ?? JsonIpcSerializer.Default;
}

/// <summary>Settings of an <see cref="IpcMain"/>. Read once, by the <see cref="IpcMain"/> constructor; not thread-safe.</summary>
public sealed class IpcMainOptions : IpcOptions
{
    /// <summary>The default <see cref="MaxQueuedBytesPerRenderer"/>: 64 MiB.</summary>
    public const long DefaultMaxQueuedBytesPerRenderer = 64L * 1024 * 1024;

    /// <summary>The default <see cref="StalledRendererTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultStalledRendererTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="MaxUndispatchedBytesPerRenderer"/>: 16 MiB.</summary>
    public const long DefaultMaxUndispatchedBytesPerRenderer = 16L * 1024 * 1024;

    /// <summary>The default <see cref="RendererInvokeTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultRendererInvokeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="MaxUndispatchedBytesTotal"/>: 256 MiB.</summary>
    public const long DefaultMaxUndispatchedBytesTotal = 256L * 1024 * 1024;

    /// <summary>The default <see cref="IncompleteFrameTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultIncompleteFrameTimeout = TimeSpan.FromSeconds(10);

    private long _maxUndispatchedBytesPerRenderer = DefaultMaxUndispatchedBytesPerRenderer;
    private int _maxConnectionsPerLaunch = 1;
    private long _maxUndispatchedBytesTotal = DefaultMaxUndispatchedBytesTotal;
    private TimeSpan _incompleteFrameTimeout = DefaultIncompleteFrameTimeout;
    private TimeSpan _rendererInvokeTimeout = DefaultRendererInvokeTimeout;
    private IpcTransport _transport;
    private long _maxQueuedBytesPerRenderer = DefaultMaxQueuedBytesPerRenderer;
    private TimeSpan _stalledRendererTimeout = DefaultStalledRendererTimeout;

    /// <summary>
    /// How long main waits for a renderer's handler (<see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/>,
    /// <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/>) before the call fails with
    /// <see cref="IpcTimeoutException"/> and the handler's token is cancelled. 30 seconds by default;
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits as long as the renderer is connected (its departure still
    /// fails the call at once).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public TimeSpan RendererInvokeTimeout
    {
        get => _rendererInvokeTimeout;
        set => _rendererInvokeTimeout = TimeSpanArguments.PositiveOrInfinite(value);
    }

    /// <summary>
    /// The local transport <see cref="IpcMain.Listen"/> and <see cref="IpcMain.StartRendererAsync"/> use:
    /// <see cref="IpcTransport.Default"/> is a named pipe on Windows and a Unix domain socket elsewhere.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of <see cref="IpcTransport"/>'s.</exception>
    public IpcTransport Transport
    {
        get => _transport;
        set => _transport = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown IpcTransport.");
    }

    /// <summary>
    /// The most bytes of one renderer process's messages that main holds while they are received or wait for its
    /// dispatcher, counted from each frame's length prefix on and shared by all of that process's connections.
    /// Past it, main stops reading from that renderer until its listeners catch up, so the renderer's sends
    /// wait (the OS socket's flow control) instead of main's memory growing. A single message is always
    /// taken in. Applies to renderers connected over the OS transport; the in-process one delivers on the
    /// sender's thread and has no such wait. See also <see cref="MaxUndispatchedBytesTotal"/>.
    /// </summary>
    public long MaxUndispatchedBytesPerRenderer
    {
        get => _maxUndispatchedBytesPerRenderer;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 64 * 1024);
            _maxUndispatchedBytesPerRenderer = value;
        }
    }

    /// <summary>
    /// The most bytes of all renderers' messages that main holds while they are received or wait for its
    /// dispatcher: 256 MiB by default, and never less than <see cref="MaxUndispatchedBytesPerRenderer"/>. Past it,
    /// main stops reading from every renderer until its listeners catch up.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 64 KiB.</exception>
    public long MaxUndispatchedBytesTotal
    {
        get => _maxUndispatchedBytesTotal;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 64 * 1024);
            _maxUndispatchedBytesTotal = value;
        }
    }

    /// <summary>
    /// The most bytes main holds for one renderer process that has not read them yet. Main never blocks on a
    /// renderer: what the socket cannot take at once waits in a queue. A send that would push the queue past
    /// this limit closes that renderer's connection and throws <see cref="IpcDisconnectedException"/> saying
    /// so; <see cref="IpcMain.Error"/> and <see cref="IpcMain.RendererGone"/> are raised. A single message
    /// is always accepted when nothing is waiting. Applies to renderers connected over the OS transport.
    /// </summary>
    public long MaxQueuedBytesPerRenderer
    {
        get => _maxQueuedBytesPerRenderer;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 64 * 1024);
            _maxQueuedBytesPerRenderer = value;
        }
    }

    /// <summary>
    /// How many connections one <see cref="IpcMain.StartRendererAsync"/> admits: 1 by default. Each start passes
    /// its child a token of its own; the token admits this many connections, from the child or its descendants,
    /// and is then refused (see docs/security.md). Raise it for a renderer process that opens several
    /// <see cref="IpcRenderer"/> connections. Does not apply to <see cref="IpcMain.Listen"/>'s endpoint.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxConnectionsPerLaunch
    {
        get => _maxConnectionsPerLaunch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConnectionsPerLaunch = value;
        }
    }

    /// <summary>
    /// How long a renderer may leave a frame unfinished (its length sent, its bytes not all arrived) without sending
    /// more of it, before main closes the connection: 10 seconds by default. A frame's bytes are held from its
    /// length on, so this bounds how long a renderer that stops half-way can hold them.
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public TimeSpan IncompleteFrameTimeout
    {
        get => _incompleteFrameTimeout;
        set => _incompleteFrameTimeout = TimeSpanArguments.PositiveOrInfinite(value);
    }

    /// <summary>
    /// How long a write to a renderer process may make no progress (the renderer reads nothing) before its
    /// connection is closed as stalled, with the same reporting as <see cref="MaxQueuedBytesPerRenderer"/>.
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it (the queue limit still applies). Enforced on Unix domain sockets.
    /// </summary>
    public TimeSpan StalledRendererTimeout
    {
        get => _stalledRendererTimeout;
        set => _stalledRendererTimeout = TimeSpanArguments.AtLeastOneMillisecondOrInfinite(value);
    }
}

/// <summary>Settings of an <see cref="IpcRenderer"/>. Read when the renderer connects (and reconnects); not thread-safe.</summary>
public sealed class IpcRendererOptions : IpcOptions
{
    /// <summary>The default <see cref="SendSyncTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultSendSyncTimeout = TimeSpan.FromSeconds(30);

    private TimeSpan _sendSyncTimeout = DefaultSendSyncTimeout;
    private TimeSpan _invokeTimeout = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// How long <see cref="IpcRenderer.SendSync{T}"/> blocks before failing with
    /// <see cref="IpcTimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as the
    /// connection lives (a lost connection still fails the call at once).
    /// </summary>
    public TimeSpan SendSyncTimeout
    {
        get => _sendSyncTimeout;
        set => _sendSyncTimeout = TimeSpanArguments.PositiveOrInfinite(value);
    }

    /// <summary>
    /// How long <see cref="IpcRenderer.InvokeAsync{T}(string, object?[], CancellationToken)"/> waits for the
    /// handler before failing with <see cref="IpcTimeoutException"/>. Infinite by default, as in Electron;
    /// a <see cref="CancellationToken"/> also ends the wait.
    /// </summary>
    public TimeSpan InvokeTimeout
    {
        get => _invokeTimeout;
        set => _invokeTimeout = TimeSpanArguments.PositiveOrInfinite(value);
    }
}
