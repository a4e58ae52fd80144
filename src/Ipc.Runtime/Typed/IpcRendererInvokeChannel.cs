namespace Ipc;

/// <summary>
/// The base of generated renderer channels for main → renderer invocations: the typed handler of one channel, as in
/// <c>renderer.PingPongReplies().Status.Handle((e, ct) =&gt; ...)</c>, answering main's
/// <c>e.Sender.PingPongReplies().Status()</c> and <c>main.PingPongReplies().Status()</c>.
/// Thread-safe.
/// </summary>
/// <typeparam name="THandler">The generated handler delegate: the event, the typed arguments, then the call's cancellation token if the contract has one.</typeparam>
public abstract class IpcRendererInvokeChannel<THandler> : IpcInvokeChannel<THandler>
    where THandler : Delegate
{
    private readonly IpcRenderer _renderer;

    /// <summary>Binds the channel named <paramref name="channel"/> to <paramref name="renderer"/>.</summary>
    /// <param name="renderer">The endpoint the channel registers on.</param>
    /// <param name="channel">The channel's name on the wire.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    protected IpcRendererInvokeChannel(IpcRenderer renderer, string channel)
        : base(channel)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        _renderer = renderer;
    }

    /// <summary>Wraps a typed handler in one that reads the typed arguments and boxes the typed result.</summary>
    /// <param name="handler">The typed handler.</param>
    /// <returns>The untyped handler registered on the endpoint.</returns>
    protected abstract IpcRendererHandler Adapt(THandler handler);

    private protected override IDisposable Register(THandler handler, bool once) =>
        once ? _renderer.HandleOnce(Channel, Adapt(handler)) : _renderer.Handle(Channel, Adapt(handler));

    private protected override void Unregister() => _renderer.RemoveHandler(Channel);
}
