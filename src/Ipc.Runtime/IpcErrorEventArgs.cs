namespace Ipc;

/// <summary>Describes an error that IpcGen caught and reported instead of letting it stop the dispatcher or the connection. Immutable, so thread-safe; raised on the dispatcher of the endpoint that reports it.</summary>
public sealed class IpcErrorEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="exception">What was thrown or detected.</param>
    /// <param name="channel">The channel involved, if known.</param>
    /// <param name="sender">On main, the renderer involved, if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public IpcErrorEventArgs(Exception exception, string? channel, IpcSender? sender)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception = exception;
        Channel = channel;
        Sender = sender;
    }

    /// <summary>What was thrown or detected.</summary>
    public Exception Exception { get; }

    /// <summary>The channel involved, when known.</summary>
    public string? Channel { get; }

    /// <summary>On main, the renderer involved, when known.</summary>
    public IpcSender? Sender { get; }
}

/// <summary>Describes a renderer whose connection to main has ended. Immutable, so thread-safe; raised on main's dispatcher.</summary>
public sealed class IpcRendererGoneEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="renderer">The renderer that is gone.</param>
    /// <param name="exitCode">Its process's exit code, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="renderer"/> is null.</exception>
    public IpcRendererGoneEventArgs(IpcSender renderer, int? exitCode)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        Renderer = renderer;
        ExitCode = exitCode;
    }

    /// <summary>The renderer that is gone.</summary>
    public IpcSender Renderer { get; }

    /// <summary>The renderer process's exit code, when main started it and it has exited.</summary>
    public int? ExitCode { get; }
}
