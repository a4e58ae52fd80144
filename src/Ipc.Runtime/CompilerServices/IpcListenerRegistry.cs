using System.ComponentModel;

namespace Ipc.CompilerServices;

/// <summary>
/// Listeners registered under a key other than themselves: a typed channel registers the adapter that reads its
/// arguments under the user's typed delegate, so that <c>RemoveListener(sameDelegate)</c> finds it. Generated code's
/// door to the runtime (<see cref="IpcMainListenerChannel{TListener}"/> and <see cref="IpcRendererListenerChannel{TListener}"/>
/// go through it); not meant for direct use, and no longer on <see cref="IpcMain"/> and <see cref="IpcRenderer"/> themselves.
/// Thread-safe, as the endpoints' own registration methods are.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IpcListenerRegistry
{
    /// <summary>Adds <paramref name="listener"/> for <paramref name="channel"/> on main, under <paramref name="key"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="main"/> is disposed.</exception>
    /// <param name="main">The endpoint.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="listener">The untyped adapter that runs.</param>
    /// <param name="key">The typed delegate that removes it.</param>
    /// <param name="once">Whether it is removed before it first runs.</param>
    public static void Add(IpcMain main, string channel, IpcMainListener listener, Delegate key, bool once)
    {
        ArgumentNullException.ThrowIfNull(main);
        main.AddListener(channel, listener, key, once, handsOutArguments: false); // generated adapters read each argument while they run
    }

    /// <summary>Removes the most recent registration on main whose key is <paramref name="key"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="main"/> is disposed.</exception>
    /// <param name="main">The endpoint.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="key">The typed delegate given to <c>Add</c>.</param>
    public static void Remove(IpcMain main, string channel, Delegate key)
    {
        ArgumentNullException.ThrowIfNull(main);
        main.RemoveListener(channel, key);
    }

    /// <summary>Adds <paramref name="listener"/> for <paramref name="channel"/> on a renderer, under <paramref name="key"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="renderer"/> is disposed.</exception>
    /// <param name="renderer">The endpoint.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="listener">The untyped adapter that runs.</param>
    /// <param name="key">The typed delegate that removes it.</param>
    /// <param name="once">Whether it is removed before it first runs.</param>
    public static void Add(IpcRenderer renderer, string channel, IpcRendererListener listener, Delegate key, bool once)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        renderer.AddListener(channel, listener, key, once, handsOutArguments: false);
    }

    /// <summary>Removes the most recent registration on a renderer whose key is <paramref name="key"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="renderer"/> is disposed.</exception>
    /// <param name="renderer">The endpoint.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="key">The typed delegate given to <c>Add</c>.</param>
    public static void Remove(IpcRenderer renderer, string channel, Delegate key)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        renderer.RemoveListener(channel, key);
    }
}
