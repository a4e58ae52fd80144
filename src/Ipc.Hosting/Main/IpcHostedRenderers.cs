using System.Collections.Concurrent;

namespace Ipc.Hosting;

/// <summary>
/// The renderer processes a hosted main runs (<see cref="IpcMainBuilder.AddRenderer"/>), by name: inject it to send to
/// or invoke a particular renderer, or to watch its supervision (restarts, unresponsiveness). Thread-safe.
/// </summary>
public sealed class IpcHostedRenderers
{
    private readonly ConcurrentDictionary<string, IpcSupervisedRenderer> _renderers = new(StringComparer.Ordinal);

    /// <summary>The names of the renderers started so far.</summary>
    public IReadOnlyCollection<string> Names => [.. _renderers.Keys];

    /// <summary>The renderer's current connection, or null while it is restarting or stopped.</summary>
    /// <param name="name">The name given to <see cref="IpcMainBuilder.AddRenderer"/>.</param>
    /// <exception cref="KeyNotFoundException">No renderer has that name (or the host has not started it yet).</exception>
    public IpcSender? this[string name] => Supervisor(name).Current;

    /// <summary>The renderer's supervision: its <c>Restarted</c>, <c>Unresponsive</c> and <c>Ended</c> events.</summary>
    /// <param name="name">The name given to <see cref="IpcMainBuilder.AddRenderer"/>.</param>
    /// <returns>The supervised renderer.</returns>
    /// <exception cref="KeyNotFoundException">No renderer has that name (or the host has not started it yet).</exception>
    public IpcSupervisedRenderer Supervisor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _renderers.TryGetValue(name, out IpcSupervisedRenderer? renderer)
            ? renderer
            : throw new KeyNotFoundException($"No renderer named '{name}' was started: add it with AddRenderer, and wait for the host to start.");
    }

    /// <summary>The renderer's current connection, or the next one once it has (re)connected.</summary>
    /// <param name="name">The name given to <see cref="IpcMainBuilder.AddRenderer"/>.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A connected renderer (it may leave at any time, as any renderer may).</returns>
    /// <exception cref="KeyNotFoundException">No renderer has that name (or the host has not started it yet).</exception>
    public Task<IpcSender> WaitAsync(string name, CancellationToken cancellationToken = default) =>
        Supervisor(name).WaitForRendererAsync(cancellationToken);

    internal void Add(string name, IpcSupervisedRenderer renderer) => _renderers[name] = renderer;

    internal IReadOnlyCollection<IpcSupervisedRenderer> All => [.. _renderers.Values];
}
