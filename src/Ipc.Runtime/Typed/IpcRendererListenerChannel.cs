namespace Ipc;

/// <summary>
/// The base of generated renderer channels for main → renderer messages: typed listeners registered on an
/// <see cref="IpcRenderer"/>.
/// Thread-safe.
/// </summary>
/// <typeparam name="TListener">The generated listener delegate.</typeparam>
public abstract class IpcRendererListenerChannel<TListener> : IpcListenerChannel<TListener>
    where TListener : Delegate
{
    private readonly IpcRenderer _renderer;

    /// <summary>Binds the channel named <paramref name="channel"/> to <paramref name="renderer"/>.</summary>
    /// <param name="renderer">The endpoint the channel registers on.</param>
    /// <param name="channel">The channel's name on the wire.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    protected IpcRendererListenerChannel(IpcRenderer renderer, string channel)
        : base(channel)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        _renderer = renderer;
    }

    /// <summary>Wraps a typed listener in one that reads the typed arguments from <see cref="IpcArgs"/>.</summary>
    /// <param name="listener">The typed listener.</param>
    /// <returns>The untyped listener registered on the endpoint.</returns>
    protected abstract IpcRendererListener Adapt(TListener listener);

    private protected override void Add(TListener listener, bool once) => CompilerServices.IpcListenerRegistry.Add(_renderer, Channel, Adapt(listener), listener, once);

    private protected override void Remove(TListener listener) => CompilerServices.IpcListenerRegistry.Remove(_renderer, Channel, listener);
}
