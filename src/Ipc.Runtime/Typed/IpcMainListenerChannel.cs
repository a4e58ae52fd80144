namespace Ipc;

/// <summary>
/// The base of generated main-process channels for renderer → main messages (fire-and-forget and sync):
/// typed listeners registered on an <see cref="IpcMain"/>.
/// Thread-safe.
/// </summary>
/// <typeparam name="TListener">The generated listener delegate.</typeparam>
public abstract class IpcMainListenerChannel<TListener> : IpcListenerChannel<TListener>
    where TListener : Delegate
{
    private readonly IpcMain _main;

    /// <summary>Binds the channel named <paramref name="channel"/> to <paramref name="main"/>.</summary>
    /// <param name="main">The endpoint the channel registers on.</param>
    /// <param name="channel">The channel's name on the wire.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    protected IpcMainListenerChannel(IpcMain main, string channel)
        : base(channel)
    {
        ArgumentNullException.ThrowIfNull(main);
        _main = main;
    }

    /// <summary>Wraps a typed listener in one that reads the typed arguments from <see cref="IpcArgs"/>.</summary>
    /// <param name="listener">The typed listener.</param>
    /// <returns>The untyped listener registered on the endpoint.</returns>
    protected abstract IpcMainListener Adapt(TListener listener);

    private protected override void Add(TListener listener, bool once) => CompilerServices.IpcListenerRegistry.Add(_main, Channel, Adapt(listener), listener, once);

    private protected override void Remove(TListener listener) => CompilerServices.IpcListenerRegistry.Remove(_main, Channel, listener);
}
