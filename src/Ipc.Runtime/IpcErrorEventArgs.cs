namespace Ipc;

/// <summary>Describes an error that IpcGen caught and reported instead of letting it stop the dispatcher or the connection.</summary>
public sealed class IpcErrorEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    public IpcErrorEventArgs(Exception exception, string? channel, IpcSender? sender)
    {
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

/// <summary>Describes a renderer whose connection to main has ended.</summary>
public sealed class IpcRendererGoneEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    public IpcRendererGoneEventArgs(IpcSender renderer, int? exitCode)
    {
        Renderer = renderer;
        ExitCode = exitCode;
    }

    /// <summary>The renderer that is gone.</summary>
    public IpcSender Renderer { get; }

    /// <summary>The renderer process's exit code, when main started it and it has exited.</summary>
    public int? ExitCode { get; }
}
