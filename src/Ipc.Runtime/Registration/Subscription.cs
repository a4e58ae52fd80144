using System.Diagnostics;

namespace Ipc.Registration;

/// <summary>
/// What <c>On</c>, <c>Once</c>, <c>Handle</c> and <c>HandleOnce</c> return, on the untyped endpoints and on typed
/// channels alike: disposing it undoes that one registration. The first disposal removes it; later ones do nothing,
/// from any thread. Disposing after the endpoint was disposed does nothing either: its registrations are gone already.
/// </summary>
/// <typeparam name="TOwner">What holds the registration: an endpoint or a typed channel.</typeparam>
/// <typeparam name="TKey">What identifies the registration there: the listener or handler that was registered.</typeparam>
[DebuggerDisplay("Subscription to {_channel}, active = {_owner != null}")]
internal sealed class Subscription<TOwner, TKey> : IDisposable
    where TOwner : class
{
    private readonly string _channel;
    private readonly TKey _key;
    private readonly Action<TOwner, string, TKey> _remove;
    private TOwner? _owner;

    /// <param name="owner">What holds the registration.</param>
    /// <param name="channel">The registration's channel.</param>
    /// <param name="key">The registered listener or handler.</param>
    /// <param name="remove">Removes the registration; static, so that a subscription captures nothing else.</param>
    public Subscription(TOwner owner, string channel, TKey key, Action<TOwner, string, TKey> remove)
    {
        _owner = owner;
        _channel = channel;
        _key = key;
        _remove = remove;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _owner, null) is not { } owner)
        {
            return;
        }

        try
        {
            _remove(owner, _channel, _key);
        }
        catch (ObjectDisposedException)
        {
            // The endpoint is disposed, and every registration with it: there is nothing left to remove.
        }
    }
}
