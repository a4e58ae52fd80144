namespace Ipc;

/// <summary>What a renderer listener receives with a message from main: Electron's <c>IpcRendererEvent</c>. Immutable, so thread-safe.</summary>
public sealed class IpcRendererEvent
{
    internal IpcRendererEvent(IpcRenderer sender, string channel)
    {
        Sender = sender;
        Channel = channel;
    }

    /// <summary>The channel the message arrived on.</summary>
    public string Channel { get; }

    /// <summary>The renderer endpoint that received the message (Electron's <c>event.sender</c> is <c>ipcRenderer</c>).</summary>
    public IpcRenderer Sender { get; }
}

/// <summary>
/// What a renderer handler (<see cref="IpcRenderer.Handle"/>) receives with an invocation from main
/// (<see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/> or <see cref="IpcMain.InvokeAllAsync{T}(string, object?[], CancellationToken)"/>).
/// Immutable, so thread-safe.
/// </summary>
public sealed class IpcRendererInvokeEvent
{
    internal IpcRendererInvokeEvent(IpcRenderer sender, string channel, CancellationToken cancellationToken)
    {
        Sender = sender;
        Channel = channel;
        CancellationToken = cancellationToken;
    }

    /// <summary>The channel invoked.</summary>
    public string Channel { get; }

    /// <summary>The renderer endpoint whose handler runs.</summary>
    public IpcRenderer Sender { get; }

    /// <summary>Cancelled when main cancels the call, its <see cref="IpcMainOptions.RendererInvokeTimeout"/> passes, or the connection ends.</summary>
    public CancellationToken CancellationToken { get; }
}
