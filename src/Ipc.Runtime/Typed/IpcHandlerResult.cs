namespace Ipc;

/// <summary>Turns the awaitable a typed handler returns into the <see cref="Task{Object}"/> an <see cref="IpcMainHandler"/> returns.</summary>
public static class IpcHandlerResult
{
    /// <summary>Completes with <paramref name="task"/>'s result.</summary>
    public static Task<object?> From<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : AwaitAsync(task);

        static async Task<object?> AwaitAsync(Task<T> task) => await task.ConfigureAwait(false);
    }

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
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
    public static Task<object?> From<T>(ValueTask<T> task) => From(task.AsTask());

    /// <summary>Completes with no value (a null reply) when <paramref name="task"/> does.</summary>
    public static Task<object?> From(ValueTask task) => From(task.AsTask());
}
