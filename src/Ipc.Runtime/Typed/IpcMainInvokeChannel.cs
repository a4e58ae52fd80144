namespace Ipc;

/// <summary>
/// The base of generated main-process channels for invocations: the typed handler of one channel,
/// as in <c>main.PingPong().Add.Handle((e, a, b, ct) =&gt; ...)</c>.
/// Thread-safe.
/// </summary>
/// <typeparam name="THandler">The generated handler delegate: the event, the typed arguments, then the call's cancellation token if the contract has one.</typeparam>
public abstract class IpcMainInvokeChannel<THandler> : IpcInvokeChannel<THandler>
    where THandler : Delegate
{
    private readonly IpcMain _main;

    /// <summary>Binds the channel named <paramref name="channel"/> to <paramref name="main"/>.</summary>
    /// <param name="main">The endpoint whose handler the channel manages.</param>
    /// <param name="channel">The channel's name on the wire.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    protected IpcMainInvokeChannel(IpcMain main, string channel)
        : base(channel)
    {
        ArgumentNullException.ThrowIfNull(main);
        _main = main;
    }

    /// <summary>Wraps a typed handler in one that reads the typed arguments and boxes the typed result.</summary>
    /// <param name="handler">The typed handler.</param>
    /// <returns>The untyped handler registered on main.</returns>
    /// <returns>The untyped handler registered on the endpoint.</returns>
    protected abstract IpcMainHandler Adapt(THandler handler);

    private protected override IDisposable Register(THandler handler, bool once) =>
        once ? _main.HandleOnce(Channel, Adapt(handler)) : _main.Handle(Channel, Adapt(handler));

    private protected override void Unregister() => _main.RemoveHandler(Channel);
}
