namespace Ipc;

/// <summary>What a renderer listener receives with a message from main: Electron's <c>IpcRendererEvent</c>.</summary>
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
