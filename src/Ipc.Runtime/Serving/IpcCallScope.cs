using System.ComponentModel;

namespace Ipc.CompilerServices;

/// <summary>
/// Makes an <see cref="IpcCallContext"/> current around a generated <c>Serve</c> adapter's call into the contract's
/// implementation. Generated code's door to the runtime; not meant for direct use.
/// Used by one call on the dispatcher that runs it; not thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Dispose"/> restores, on the calling thread, the context that was current before, so nothing of the call
/// stays on the dispatcher's thread. It also ends the call, unless an awaitable member's task was handed to
/// <c>Until</c>: then the call ends when that task completes, so the context stays current across the member's awaits.
/// Once the call has ended, the lifetime of the instance that <see cref="Activate{TContract}"/> obtained is disposed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct IpcCallScope : IDisposable
{
    private readonly IpcCallContext.Holder? _previous;
    private readonly IpcCallContext.Holder? _current;

    private IpcCallScope(IpcCallContext context)
    {
        _current = new IpcCallContext.Holder(context);
        _previous = IpcCallContext.Swap(_current);
    }

    /// <summary>Enters the call of a message or sync message that main received.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    /// <param name="e">The event of the call being served.</param>
    /// <returns>The scope; dispose it (or pass the call's task to <see cref="Until(Task)"/>) when the call ends.</returns>
    public static IpcCallScope Enter(IpcMainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, CancellationToken.None, e.Sender, renderer: null));
    }

    /// <summary>Enters the call of an invocation that main's handler answers.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    /// <param name="e">The event of the call being served.</param>
    /// <returns>The scope; dispose it (or pass the call's task to <see cref="Until(Task)"/>) when the call ends.</returns>
    public static IpcCallScope Enter(IpcMainInvokeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, e.CancellationToken, e.Sender, renderer: null));
    }

    /// <summary>Enters the call of a message that a renderer received from main.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    /// <param name="e">The event of the call being served.</param>
    /// <returns>The scope; dispose it (or pass the call's task to <see cref="Until(Task)"/>) when the call ends.</returns>
    public static IpcCallScope Enter(IpcRendererEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, CancellationToken.None, sender: null, e.Sender));
    }

    /// <summary>Enters the call of an invocation from main that a renderer's handler answers.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    /// <param name="e">The event of the call being served.</param>
    /// <returns>The scope; dispose it (or pass the call's task to <see cref="Until(Task)"/>) when the call ends.</returns>
    public static IpcCallScope Enter(IpcRendererInvokeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, e.CancellationToken, sender: null, e.Sender));
    }

    /// <summary>
    /// Asks <paramref name="activator"/>, with this call current, for the instance that serves the call. What it returns
    /// as the lifetime is disposed once the call has ended: by <see cref="Dispose"/>, or after the task handed to
    /// <c>Until</c> completes.
    /// </summary>
    /// <typeparam name="TContract">The contract interface.</typeparam>
    /// <param name="activator">Supplies the instance.</param>
    /// <returns>The instance whose member answers the call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activator"/> is null.</exception>
    /// <exception cref="InvalidOperationException">
    /// This scope entered no call or already has its instance, or the activator supplied no instance.
    /// </exception>
    public TContract Activate<TContract>(IIpcServiceActivator<TContract> activator)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(activator);
        if (_current is null || _current.Activated)
        {
            throw new InvalidOperationException(_current is null
                ? "This IpcCallScope entered no call."
                : "This call already has the instance that serves it.");
        }

        _current.Activated = true;
        IpcServiceInstance<TContract> instance = activator.Activate(_current.Call);
        _current.Lifetime = instance.Lifetime; // before the check below: a lifetime comes to its end either way
        return instance.Service
            ?? throw new InvalidOperationException($"The activator of {typeof(TContract).FullName} supplied no instance for the call on '{_current.Call.Channel}'.");
    }

    /// <summary>Keeps the call going until <paramref name="call"/>, the member's task, completes.</summary>
    /// <returns>A task that completes as <paramref name="call"/> does, after the call has ended.</returns>
    /// <param name="call">The served call's task.</param>
    public Task Until(Task call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.IsCompleted || _current is null ? call : EndAfterAsync(call, EndWithTask(_current));
    }

    /// <inheritdoc cref="Until(Task)"/>
    public Task<T> Until<T>(Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.IsCompleted || _current is null ? call : EndAfterAsync(call, EndWithTask(_current));
    }

    /// <inheritdoc cref="Until(Task)"/>
    public ValueTask Until(ValueTask call) =>
        call.IsCompleted || _current is null ? call : new ValueTask(EndAfterAsync(call.AsTask(), EndWithTask(_current)));

    /// <inheritdoc cref="Until(Task)"/>
    public ValueTask<T> Until<T>(ValueTask<T> call) =>
        call.IsCompleted || _current is null ? call : new ValueTask<T>(EndAfterAsync(call.AsTask(), EndWithTask(_current)));

    /// <summary>
    /// Restores the context that was current before on this thread, and ends the call unless its task runs on, disposing
    /// the lifetime of its instance.
    /// </summary>
    public void Dispose()
    {
        if (_current is null)
        {
            return; // a default scope entered nothing
        }

        IpcCallContext.Swap(_previous);
        if (!_current.EndsWithTask)
        {
            _current.End();
            ServiceLifetimes.EndNow(_current);
        }
    }

    // The returned task completes once the instance's lifetime is disposed, so an endpoint's drain on disposal, which
    // waits for running handlers, waits for that too. A failed disposal is reported, never the call's outcome.
    private static async Task EndAfterAsync(Task call, IpcCallContext.Holder holder)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            holder.End();
            await ServiceLifetimes.EndAsync(holder).ConfigureAwait(false);
        }
    }

    private static async Task<T> EndAfterAsync<T>(Task<T> call, IpcCallContext.Holder holder)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            holder.End();
            await ServiceLifetimes.EndAsync(holder).ConfigureAwait(false);
        }
    }

    /// <summary>Hands the end of the call to the member's task: <see cref="Dispose"/> leaves it to <c>EndAfterAsync</c>.</summary>
    private static IpcCallContext.Holder EndWithTask(IpcCallContext.Holder holder)
    {
        holder.EndsWithTask = true;
        return holder;
    }
}
