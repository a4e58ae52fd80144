using Ipc.Registration;

namespace Ipc;

/// <summary>
/// A typed channel's listeners, as generated code exposes them: <c>main.PingPong().AsynchronousMessage.On(...)</c>.
/// The typed delegate the user passes is the registration's key, so <see cref="RemoveListener"/> takes the
/// same delegate, and removes a <see cref="Once"/> registration too. <see cref="On"/> and <see cref="Once"/> return a
/// subscription as the untyped endpoints' do.
/// Thread-safe, as the endpoint's own <c>On</c>; listeners run on the endpoint's dispatcher, one at a time.
/// </summary>
/// <typeparam name="TListener">The generated listener delegate: the event, then the typed arguments.</typeparam>
public abstract class IpcListenerChannel<TListener>
    where TListener : Delegate
{
    private protected IpcListenerChannel(string channel)
    {
        ChannelName.Validate(channel);
        Channel = channel;
    }

    /// <summary>The channel's name on the wire.</summary>
    public string Channel { get; }

    /// <summary>Adds <paramref name="listener"/> for every message on the channel.</summary>
    /// <param name="listener">Runs on the endpoint's dispatcher for every message on the channel, after the listeners added before it.</param>
    /// <returns>
    /// A subscription whose disposal removes the most recent registration of <paramref name="listener"/>, as
    /// <see cref="RemoveListener"/> does; disposing it again, or after the endpoint is disposed, does nothing.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public IDisposable On(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Add(listener, once: false);
        return Subscribe(listener);
    }

    /// <summary>Adds <paramref name="listener"/> for the next message only; it is removed before it runs.</summary>
    /// <param name="listener">Runs on the endpoint's dispatcher for the next message on the channel.</param>
    /// <returns>A subscription whose disposal removes the registration if it has not run yet; see <see cref="On"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public IDisposable Once(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Add(listener, once: true);
        return Subscribe(listener);
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/>, whether by <see cref="On"/> or <see cref="Once"/>; does nothing if there is none.</summary>
    /// <param name="listener">The listener that was added.</param>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The endpoint is disposed.</exception>
    public void RemoveListener(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Remove(listener);
    }

    private protected abstract void Add(TListener listener, bool once);

    private protected abstract void Remove(TListener listener);

    private Subscription<IpcListenerChannel<TListener>, TListener> Subscribe(TListener listener) =>
        new(this, Channel, listener, static (channel, _, listener) => channel.Remove(listener));
}
