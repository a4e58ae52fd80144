using System.ComponentModel;

namespace Ipc.CompilerServices;

/// <summary>
/// Makes an <see cref="IpcCallContext"/> current around a generated <c>Serve</c> adapter's call into the contract's
/// implementation. Generated code's door to the runtime; not meant for direct use.
/// </summary>
/// <remarks>
/// <see cref="Dispose"/> restores, on the calling thread, the context that was current before, so nothing of the call
/// stays on the dispatcher's thread. It also ends the call, unless an awaitable member's task was handed to
/// <c>Until</c>: then the call ends when that task completes, so the context stays current across the member's awaits.
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
    public static IpcCallScope Enter(IpcMainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, CancellationToken.None, e.Sender, renderer: null));
    }

    /// <summary>Enters the call of an invocation that main's handler answers.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static IpcCallScope Enter(IpcMainInvokeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, e.CancellationToken, e.Sender, renderer: null));
    }

    /// <summary>Enters the call of a message that a renderer received from main.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static IpcCallScope Enter(IpcRendererEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, CancellationToken.None, sender: null, e.Sender));
    }

    /// <summary>Enters the call of an invocation from main that a renderer's handler answers.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static IpcCallScope Enter(IpcRendererInvokeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new IpcCallScope(new IpcCallContext(e.Channel, e.CancellationToken, sender: null, e.Sender));
    }

    /// <summary>Keeps the call going until <paramref name="call"/>, the member's task, completes.</summary>
    /// <returns>A task that completes as <paramref name="call"/> does, after the call has ended.</returns>
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

    /// <summary>Restores the context that was current before on this thread, and ends the call unless its task runs on.</summary>
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
        }
    }

    private static async Task EndAfterAsync(Task call, IpcCallContext.Holder holder)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            holder.End();
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
        }
    }

    /// <summary>Hands the end of the call to the member's task: <see cref="Dispose"/> leaves it to <c>EndAfterAsync</c>.</summary>
    private static IpcCallContext.Holder EndWithTask(IpcCallContext.Holder holder)
    {
        holder.EndsWithTask = true;
        return holder;
    }
}
