using System.Diagnostics;
using Ipc.Connection;

namespace Ipc;

/// <summary>
/// The IPC call that a served contract member is answering: what gRPC's <c>ServerCallContext</c> and SignalR's
/// <c>Hub.Context</c> are to their services. A contract's signatures carry only its arguments, so a class that
/// implements the contract and is served with the generated <c>Serve</c> (<c>main.PingPong().Serve(pingPong)</c>)
/// reads the rest here: which channel, which renderer, and the invocation's cancellation.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Current"/> is set by the generated <c>Serve</c> around each call into the implementation and is null
/// everywhere else, including in listeners and handlers registered one by one (they receive the event instead).
/// It flows like any <see cref="AsyncLocal{T}"/>: an <c>async</c> member sees it after each of its awaits, and so do
/// the tasks it starts. The context ends with the call: once a message's or sync call's member returns, or an
/// awaitable member's task completes, <see cref="Current"/> is null again on the thread that ran it and in whatever
/// work the member left running. Read it during the call, and copy what you need (the <see cref="Sender"/>, say)
/// rather than the context itself.
/// </para>
/// <para>
/// On main, <see cref="Sender"/> is the renderer that sent the message or invocation and <see cref="Renderer"/> is
/// null; on a renderer, <see cref="Renderer"/> is the endpoint that received main's call and <see cref="Sender"/> is
/// null. <see cref="CancellationToken"/> is the invocation's token (the one an awaitable member's trailing
/// <see cref="System.Threading.CancellationToken"/> parameter receives), and <see cref="System.Threading.CancellationToken.None"/>
/// for messages and sync calls, which cannot be cancelled.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// sealed class PingPong : IPingPong
/// {
///     public void AsynchronousMessage(string arg) =&gt; IpcCallContext.Current!.Sender!.PingPongReplies().AsynchronousReply("pong");
///     ...
/// }
/// </code>
/// </example>
[DebuggerDisplay("{Channel,nq}")]
public sealed class IpcCallContext
{
    /// <summary>
    /// Holds the running call's holder rather than the context itself, so that ending the call (clearing the holder)
    /// reaches every execution context that captured it, not only the thread that set it.
    /// </summary>
    private static readonly AsyncLocal<Holder?> s_current = new();

    internal IpcCallContext(string channel, CancellationToken cancellationToken, IpcSender? sender, IpcRenderer? renderer)
    {
        Channel = channel;
        CancellationToken = cancellationToken;
        Sender = sender;
        Renderer = renderer;
    }

    /// <summary>The call a served contract member is answering right now, on this asynchronous flow; null outside one.</summary>
    public static IpcCallContext? Current => s_current.Value?.Context;

    /// <summary>The channel the call arrived on: the member's channel name on the wire.</summary>
    public string Channel { get; }

    /// <summary>
    /// The invocation's cancellation token: cancelled when the caller cancels, its timeout passes or the connection
    /// ends. <see cref="System.Threading.CancellationToken.None"/> for messages and sync calls.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>On main, the renderer that sent the message or invocation; null on a renderer.</summary>
    public IpcSender? Sender { get; }

    /// <summary>On a renderer, the endpoint that received main's message or invocation; null on main.</summary>
    public IpcRenderer? Renderer { get; }

    /// <summary>
    /// Reports <paramref name="error"/> through the <c>Error</c> event (and log) of the endpoint that received the call:
    /// for what fails after the call has answered, such as disposing the lifetime of the instance that served it.
    /// </summary>
    internal void Report(Exception error)
    {
        IPeerEndpoint endpoint = Sender is { } sender ? sender.Peer.Endpoint : Renderer!;
        endpoint.ReportError(new IpcErrorEventArgs(error, Channel, Sender));
    }

    /// <summary>Makes <paramref name="holder"/> the current call on this flow; returns the one it replaces.</summary>
    internal static Holder? Swap(Holder? holder)
    {
        Holder? previous = s_current.Value;
        s_current.Value = holder;
        return previous;
    }

    /// <summary>One served call's slot in the execution context; empty once the call has ended.</summary>
    internal sealed class Holder(IpcCallContext context)
    {
        private IpcCallContext? _context = context;

        /// <summary>The call's context, or null once it has ended.</summary>
        public IpcCallContext? Context => Volatile.Read(ref _context);

        /// <summary>The call's context even once it has ended, for what is done after the end (disposing <see cref="Lifetime"/>, reporting).</summary>
        public IpcCallContext Call { get; } = context;

        /// <summary>True while an awaitable member's task runs on after the call into it has returned.</summary>
        public bool EndsWithTask { get; set; }

        /// <summary>True once an activator has supplied the call's instance: a second would lose the first one's lifetime.</summary>
        public bool Activated { get; set; }

        /// <summary>What the activator said to dispose once the call has ended; null when nothing is.</summary>
        public IAsyncDisposable? Lifetime { get; set; }

        /// <summary>Ends the call for every flow that captured this holder.</summary>
        public void End() => Volatile.Write(ref _context, null);
    }
}
