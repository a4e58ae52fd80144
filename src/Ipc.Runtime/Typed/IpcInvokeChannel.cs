namespace Ipc;

/// <summary>
/// A typed invocation channel's handler, as generated code exposes it: <c>main.PingPong().Add.Handle(...)</c> on main,
/// <c>renderer.PingPongReplies().Status.Handle(...)</c> on a renderer. A channel has at most one handler, as on the
/// untyped endpoints; the derived class registers it on its endpoint.
/// </summary>
/// <typeparam name="THandler">The generated handler delegate: the event, the typed arguments, then the call's cancellation token if the contract has one.</typeparam>
public abstract class IpcInvokeChannel<THandler>
    where THandler : Delegate
{
    private protected IpcInvokeChannel(string channel)
    {
        ChannelName.Validate(channel);
        Channel = channel;
    }

    /// <summary>The channel's name on the wire.</summary>
    public string Channel { get; }

    /// <summary>Registers the handler that answers every invocation of the channel.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void Handle(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(handler, once: false);
    }

    /// <summary>Registers a handler that is removed before it answers its first invocation.</summary>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void HandleOnce(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(handler, once: true);
    }

    /// <summary>Removes the channel's handler, if any.</summary>
    public void RemoveHandler() => Unregister();

    private protected abstract void Register(THandler handler, bool once);

    private protected abstract void Unregister();
}
