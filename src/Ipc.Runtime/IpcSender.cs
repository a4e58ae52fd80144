using Ipc.Main;
using Ipc.Protocol;

namespace Ipc;

/// <summary>
/// One connected renderer, as the main process sees it: Electron's <c>event.sender</c> / <c>webContents</c>.
/// </summary>
public sealed class IpcSender
{
    private readonly RendererLink _link;

    internal IpcSender(RendererLink link, int id, int processId)
    {
        _link = link;
        Id = id;
        ProcessId = processId;
    }

    /// <summary>The renderer's id, unique within its <see cref="IpcMain"/>.</summary>
    public int Id { get; }

    /// <summary>The operating-system id of the renderer's process.</summary>
    public int ProcessId { get; }

    /// <summary>False once the renderer has disconnected.</summary>
    public bool IsConnected => _link.Outbox.IsConnected;

    /// <summary>Sends a message to this renderer's listeners on <paramref name="channel"/>: Electron's <c>webContents.send</c>.</summary>
    /// <exception cref="ArgumentException">The channel name is null, empty or invalid.</exception>
    /// <exception cref="IpcSerializationException">An argument cannot be serialised; nothing was sent.</exception>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The renderer is gone.</exception>
    public void Send(string channel, params object?[]? args)
    {
        ChannelName.Validate(channel);
        _link.Outbox.SendMessage(MessageKind.MainSend, 0, channel, args);
    }

    /// <inheritdoc />
    public override string ToString() => $"Renderer {Id} (process {ProcessId})";
}
