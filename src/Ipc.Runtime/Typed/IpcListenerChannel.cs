namespace Ipc;

/// <summary>
/// A typed channel's listeners, as generated code exposes them: <c>main.PingPong().AsynchronousMessage.On(...)</c>.
/// The typed delegate the user passes is the registration's key, so <see cref="RemoveListener"/> takes the
/// same delegate, and removes a <see cref="Once"/> registration too.
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
    /// <returns>A subscription whose disposal removes the most recent registration of <paramref name="listener"/>, as <see cref="RemoveListener"/> does.</returns>
    public IDisposable On(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Add(listener, once: false);
        return new Subscription(this, listener);
    }

    /// <summary>Adds <paramref name="listener"/> for the next message only; it is removed before it runs.</summary>
    public void Once(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Add(listener, once: true);
    }

    /// <summary>Removes the most recently added registration of <paramref name="listener"/>, whether by <see cref="On"/> or <see cref="Once"/>.</summary>
    public void RemoveListener(TListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Remove(listener);
    }

    private protected abstract void Add(TListener listener, bool once);

    private protected abstract void Remove(TListener listener);

    private sealed class Subscription(IpcListenerChannel<TListener> channel, TListener listener) : IDisposable
    {
        private IpcListenerChannel<TListener>? _channel = channel;

        public void Dispose() => Interlocked.Exchange(ref _channel, null)?.Remove(listener);
    }
}
