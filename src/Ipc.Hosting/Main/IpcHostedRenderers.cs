using System.Collections.Concurrent;

namespace Ipc.Hosting;

/// <summary>
/// The renderer processes a hosted main runs (<see cref="IpcMainBuilder.AddRenderer"/>), by name: inject it to send to
/// or invoke a particular renderer. Thread-safe.
/// </summary>
public sealed class IpcHostedRenderers
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The names of the renderers added to the host.</summary>
    public IReadOnlyCollection<string> Names => [.. _slots.Keys];

    /// <summary>The renderer's current connection, or null while it is starting, restarting or stopped.</summary>
    /// <param name="name">The name given to <see cref="IpcMainBuilder.AddRenderer"/>.</param>
    /// <exception cref="KeyNotFoundException">No renderer has that name.</exception>
    public IpcSender? this[string name] => SlotOf(name).Current;

    /// <summary>The renderer's current connection, or the next one once it has connected.</summary>
    /// <param name="name">The name given to <see cref="IpcMainBuilder.AddRenderer"/>.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A connected renderer (it may leave at any time, as any renderer may).</returns>
    /// <exception cref="KeyNotFoundException">No renderer has that name.</exception>
    public Task<IpcSender> WaitAsync(string name, CancellationToken cancellationToken = default) =>
        SlotOf(name).WaitAsync(cancellationToken);

    internal void Add(string name) => _slots.TryAdd(name, new Slot());

    internal void Connected(string name, IpcSender sender) => SlotOf(name).Set(sender);

    private Slot SlotOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _slots.TryGetValue(name, out Slot? slot) ? slot : throw new KeyNotFoundException($"No renderer named '{name}' was added with AddRenderer.");
    }

    private sealed class Slot
    {
        private TaskCompletionSource<IpcSender> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IpcSender? Current
        {
            get
            {
                Task<IpcSender> task = Volatile.Read(ref _next).Task;
                return task.IsCompletedSuccessfully && task.Result.IsConnected ? task.Result : null;
            }
        }

        public void Set(IpcSender sender)
        {
            TaskCompletionSource<IpcSender> next = Volatile.Read(ref _next);
            if (!next.TrySetResult(sender))
            {
                Volatile.Write(ref _next, CompletedWith(sender));
            }
        }

        public async Task<IpcSender> WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TaskCompletionSource<IpcSender> next = Volatile.Read(ref _next);
                IpcSender sender = await next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (sender.IsConnected)
                {
                    return sender;
                }

                // Gone: wait for the one that replaces it.
                Interlocked.CompareExchange(ref _next, new TaskCompletionSource<IpcSender>(TaskCreationOptions.RunContinuationsAsynchronously), next);
            }
        }

        private static TaskCompletionSource<IpcSender> CompletedWith(IpcSender sender)
        {
            var completed = new TaskCompletionSource<IpcSender>(TaskCreationOptions.RunContinuationsAsynchronously);
            completed.SetResult(sender);
            return completed;
        }
    }
}
