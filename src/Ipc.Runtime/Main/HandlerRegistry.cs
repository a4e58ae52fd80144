namespace Ipc.Main;

/// <summary>The invoke handlers of a main process: at most one per channel, as in Electron.</summary>
internal sealed class HandlerRegistry
{
    private readonly Dictionary<string, Registration> _handlers = new(StringComparer.Ordinal);

    public void Add(string channel, IpcMainHandler handler, bool once)
    {
        lock (_handlers)
        {
            if (!_handlers.TryAdd(channel, new Registration(handler, once)))
            {
                throw new InvalidOperationException($"Attempted to register a second handler for '{channel}'.");
            }
        }
    }

    public bool Remove(string channel)
    {
        lock (_handlers)
        {
            return _handlers.Remove(channel);
        }
    }

    public bool Contains(string channel)
    {
        lock (_handlers)
        {
            return _handlers.ContainsKey(channel);
        }
    }

    /// <summary>Finds the channel's handler; a once-handler is removed before it is returned.</summary>
    public IpcMainHandler? Take(string channel)
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

    private readonly record struct Registration(IpcMainHandler Handler, bool Once);
}
