namespace Ipc;

/// <summary>
/// The base of generated main-process channels for invocations: the typed handler of one channel,
/// as in <c>main.PingPong().Add.Handle((e, a, b, ct) =&gt; ...)</c>.
/// </summary>
/// <typeparam name="THandler">The generated handler delegate: the event, the typed arguments, then the call's cancellation token if the contract has one.</typeparam>
public abstract class IpcMainInvokeChannel<THandler>
    where THandler : Delegate
{
    private readonly IpcMain _main;

    /// <summary>Binds the channel named <paramref name="channel"/> to <paramref name="main"/>.</summary>
    protected IpcMainInvokeChannel(IpcMain main, string channel)
    {
        ArgumentNullException.ThrowIfNull(main);
        ChannelName.Validate(channel);
        _main = main;
        Channel = channel;
    }

    /// <summary>The channel's name on the wire.</summary>
    public string Channel { get; }

    /// <summary>Registers the handler that answers every invocation of the channel.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void Handle(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _main.Handle(Channel, Adapt(handler));
    }

    /// <summary>Registers a handler that is removed before it answers its first invocation.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void HandleOnce(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _main.HandleOnce(Channel, Adapt(handler));
    }

    /// <summary>Removes the channel's handler, if any.</summary>
    public void RemoveHandler() => _main.RemoveHandler(Channel);

    /// <summary>Wraps a typed handler in one that reads the typed arguments and boxes the typed result.</summary>
    protected abstract IpcMainHandler Adapt(THandler handler);
}
