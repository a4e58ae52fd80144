namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// An <see cref="IIpcServiceActivator{TContract}"/> as a generic host's would be: a new instance and a new lifetime (a
/// DI scope's stand-in) for every call. It records each activation, and throws <see cref="Failure"/> when one is set.
/// </summary>
internal sealed class RecordingActivator<TContract>(Func<RecordedLifetime, TContract> create) : IIpcServiceActivator<TContract>
    where TContract : class
{
    private readonly List<TaskCompletionSource<Activation<TContract>>> _slots = [];
    private int _count;

    /// <summary>Every activation so far, oldest first.</summary>
    public IReadOnlyList<Activation<TContract>> Activations
    {
        get
        {
            lock (_slots)
            {
                return [.. _slots.Take(_count).Select(static slot => slot.Task.Result)];
            }
        }
    }

    /// <summary>What <see cref="Activate"/> throws instead of supplying an instance; null to supply one.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The activation of the call numbered <paramref name="index"/> (from 0), once it has happened: a message's arrival is not otherwise observable.</summary>
    public Task<Activation<TContract>> Activated(int index) => Slot(index).Task;

    public IpcServiceInstance<TContract> Activate(IpcCallContext context)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        var lifetime = new RecordedLifetime();
        TContract service = create(lifetime);
        var activation = new Activation<TContract>(context, IpcCallContext.Current, service, lifetime);
        lock (_slots)
        {
            Slot(_count++).SetResult(activation); // under the lock, so Activations never sees a slot counted but unset
        }

        return new IpcServiceInstance<TContract>(service, lifetime);
    }

    private TaskCompletionSource<Activation<TContract>> Slot(int index)
    {
        lock (_slots)
        {
            while (_slots.Count <= index)
            {
                _slots.Add(new TaskCompletionSource<Activation<TContract>>(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _slots[index];
        }
    }
}

/// <summary>One call's activation: the context passed in, the one current at the time, and what was supplied.</summary>
internal sealed record Activation<TContract>(IpcCallContext Context, IpcCallContext? Current, TContract Service, RecordedLifetime Lifetime);

/// <summary>A lifetime that records its disposal, and what was current then.</summary>
internal sealed class RecordedLifetime : IAsyncDisposable
{
    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDisposed => Disposed.Task.IsCompleted;

    public IpcCallContext? CurrentAtDisposal { get; private set; }

    public ValueTask DisposeAsync()
    {
        CurrentAtDisposal = IpcCallContext.Current;
        Assert.True(Disposed.TrySetResult(), "A lifetime was disposed twice.");
        return ValueTask.CompletedTask;
    }
}
