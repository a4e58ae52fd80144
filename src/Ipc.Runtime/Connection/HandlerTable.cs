using System.Diagnostics;
using Ipc.Registration;

namespace Ipc.Connection;

/// <summary>The invoke handlers of one endpoint, main's or a renderer's: at most one per channel, as in Electron.</summary>
/// <typeparam name="THandler">The endpoint's handler delegate.</typeparam>
[DebuggerDisplay("Handlers = {_handlers.Count}")]
internal sealed class HandlerTable<THandler>
    where THandler : Delegate
{
    private readonly Dictionary<string, Registration> _handlers = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public void Add(string channel, THandler handler, bool once)
    {
        ChannelName.Validate(channel);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_handlers)
        {
            if (!_handlers.TryAdd(channel, new Registration(handler, once)))
            {
                throw new InvalidOperationException($"Attempted to register a second handler for '{channel}'.");
            }
        }
    }

    /// <summary>
    /// Adds the channel's handler, as <see cref="Add"/> does, and returns the subscription that <c>Handle</c> and
    /// <c>HandleOnce</c> return on both endpoints: disposing it removes this handler only (<see cref="Remove(string, THandler)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The channel already has a handler.</exception>
    public IDisposable Register(string channel, THandler handler, bool once)
    {
        Add(channel, handler, once);
        return new Subscription<HandlerTable<THandler>, THandler>(this, channel, handler, static (table, channel, handler) => table.Remove(channel, handler));
    }

    /// <summary>
    /// Registers one of IpcGen's own handlers on a reserved channel (<see cref="ChannelName.ReservedPrefix"/>), which
    /// <see cref="Add"/> and <see cref="Remove(string)"/> refuse: user code can neither replace nor remove it.
    /// </summary>
    public void AddBuiltIn(string channel, THandler handler)
    {
        Debug.Assert(channel.StartsWith(ChannelName.ReservedPrefix, StringComparison.Ordinal), "Built-in handlers live on reserved channels.");
        lock (_handlers)
        {
            _handlers.Add(channel, new Registration(handler, Once: false));
        }
    }

    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    public bool Remove(string channel)
    {
        ChannelName.Validate(channel);
        lock (_handlers)
        {
            return _handlers.Remove(channel);
        }
    }

    /// <summary>
    /// Removes the channel's handler only if it is <paramref name="handler"/>: what disposing <c>Handle</c>'s subscription
    /// does, so that it never removes a handler registered after its own was removed.
    /// </summary>
    public bool Remove(string channel, THandler handler)
    {
        lock (_handlers)
        {
            return _handlers.TryGetValue(channel, out Registration registration)
                && ReferenceEquals(registration.Handler, handler)
                && _handlers.Remove(channel);
        }
    }

    /// <summary>Finds the channel's handler; a once-handler is removed before it is returned.</summary>
    public THandler? Take(string channel)
    {
        lock (_handlers)
        {
            if (!_handlers.TryGetValue(channel, out Registration registration))
            {
                return null;
            }

            if (registration.Once)
            {
                _handlers.Remove(channel);
            }

            return registration.Handler;
        }
    }

    private readonly record struct Registration(THandler Handler, bool Once);
}
