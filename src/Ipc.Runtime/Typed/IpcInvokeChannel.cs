namespace Ipc;

/// <summary>
/// A typed invocation channel's handler, as generated code exposes it: <c>main.PingPong().Add.Handle(...)</c> on main,
/// <c>renderer.PingPongReplies().Status.Handle(...)</c> on a renderer. A channel has at most one handler, as on the
/// untyped endpoints; the derived class registers it on its endpoint.
/// Thread-safe, as the endpoint's own <c>Handle</c>; the handler starts on the endpoint's dispatcher.
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

    /// <summary>Registers the handler that answers every invocation of the channel; it starts on the endpoint's dispatcher.</summary>
    /// <param name="handler">Answers each invocation; its result is the reply, written as the contract's declared type.</param>
    /// <returns>A subscription whose disposal removes this handler, unless it was removed or replaced meanwhile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public IDisposable Handle(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(handler, once: false);
    }

    /// <summary>Registers a handler that is removed before it answers its first invocation.</summary>
    /// <param name="handler">Answers the next invocation.</param>
    /// <returns>A subscription whose disposal removes the handler if it has not been taken yet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public IDisposable HandleOnce(THandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(handler, once: true);
    }

    /// <summary>Removes the channel's handler, if any.</summary>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public void RemoveHandler() => Unregister();

    /// <summary>Registers the endpoint's adapter of <paramref name="handler"/>; the subscription removes that adapter.</summary>
    private protected abstract IDisposable Register(THandler handler, bool once);

    private protected abstract void Unregister();
}
