namespace Ipc;

/// <summary>
/// Turns the awaitable a typed handler returns into the <see cref="Task{Object}"/> an <see cref="IpcMainHandler"/> returns.
/// Stateless and thread-safe. <c>IpcMain.Handle&lt;T&gt;</c> and <c>IpcRenderer.Handle&lt;T&gt;</c> take a
/// <see cref="ValueTask{TResult}"/>-returning handler directly.
/// </summary>
public static class IpcHandlerResult
{
    /// <summary>Completes with <paramref name="task"/>'s result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">What the typed handler returned.</param>
    /// <returns>The task an untyped handler delegate returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Task<object?> From<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : AwaitAsync(task);

        static async Task<object?> AwaitAsync(Task<T> task) => await task.ConfigureAwait(false);
    }

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
    /// <param name="task">What the typed handler returned.</param>
    /// <returns>The task an untyped handler delegate returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Task<object?> From(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? Task.FromResult<object?>(null) : AwaitAsync(task);

        static async Task<object?> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Completes with <paramref name="task"/>'s result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">What the typed handler returned.</param>
    /// <returns>The task an untyped handler delegate returns.</returns>
    public static Task<object?> From<T>(ValueTask<T> task) => From(task.AsTask());

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
    /// <param name="task">What the typed handler returned.</param>
    /// <returns>The task an untyped handler delegate returns.</returns>
    public static Task<object?> From(ValueTask task) => From(task.AsTask());
}
