namespace Ipc;

/// <summary>One renderer's answer to <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/>: its value, or why it has none. Immutable, so thread-safe.</summary>
/// <typeparam name="T">The type of the handlers' results.</typeparam>
public sealed class IpcRendererResult<T>
{
    private IpcRendererResult(IpcSender renderer, T? value, Exception? exception)
    {
        Renderer = renderer;
        Value = value;
        Exception = exception;
    }

    /// <summary>The renderer that answered, or failed to.</summary>
    public IpcSender Renderer { get; }

    /// <summary>The handler's result when <see cref="IsSuccess"/>; the default value otherwise.</summary>
    public T? Value { get; }

    /// <summary>
    /// Why there is no value: <see cref="IpcNoHandlerException"/>, <see cref="IpcRemoteException"/>,
    /// <see cref="IpcTimeoutException"/>, <see cref="IpcDisconnectedException"/>, <see cref="OperationCanceledException"/>…;
    /// null when <see cref="IsSuccess"/>.
    /// </summary>
    public Exception? Exception { get; }

    /// <summary>True when the renderer's handler answered with a value.</summary>
    public bool IsSuccess => Exception is null;

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"{Renderer}: {Value}" : $"{Renderer}: {Exception!.GetType().Name}: {Exception.Message}";

    internal static IpcRendererResult<T> Success(IpcSender renderer, T? value) => new(renderer, value, null);

    internal static IpcRendererResult<T> Failure(IpcSender renderer, Exception exception) => new(renderer, default, exception);
}
