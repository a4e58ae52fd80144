using System.ComponentModel;
using Ipc.Connection;

namespace Ipc.CompilerServices;

/// <summary>
/// Turns what a generated handler adapter's typed handler returns into the <see cref="Task{Object}"/> the runtime's
/// handler delegates return, keeping the result's declared type: the reply is serialised as <c>T</c>
/// (<see cref="IIpcSerializer.Serialize{T}"/>), never asked for its runtime type, and a value-type result is held
/// as itself rather than boxed. Generated code's door to the runtime; not meant for direct use
/// (<see cref="IpcHandlerResult"/> is the public, untyped equivalent). Stateless and thread-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IpcReply
{
    /// <summary>Completes with <paramref name="task"/>'s result, to be sent as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The result's declared type.</typeparam>
    /// <param name="task">The typed handler's task.</param>
    /// <returns>The task a runtime handler delegate returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Task<object?> Of<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? Task.FromResult<object?>(new TypedReply<T>(task.Result)) : AwaitAsync(task);

        static async Task<object?> AwaitAsync(Task<T> task) => new TypedReply<T>(await task.ConfigureAwait(false));
    }

    /// <summary>Completes with <paramref name="task"/>'s result, to be sent as <typeparamref name="T"/>; a result already there costs no <see cref="Task"/> of its own.</summary>
    /// <typeparam name="T">The result's declared type.</typeparam>
    /// <param name="task">The typed handler's task.</param>
    /// <returns>The task a runtime handler delegate returns.</returns>
    public static Task<object?> Of<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? Task.FromResult<object?>(new TypedReply<T>(task.Result)) : Of(task.AsTask());

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
    /// <param name="task">The handler's task.</param>
    /// <returns>The task a runtime handler delegate returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Task<object?> Of(Task task) => IpcHandlerResult.From(task);

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
    /// <param name="task">The handler's task.</param>
    /// <returns>The task a runtime handler delegate returns.</returns>
    public static Task<object?> Of(ValueTask task) => task.IsCompletedSuccessfully ? IpcHandlerResult.From(Task.CompletedTask) : IpcHandlerResult.From(task.AsTask());
}
