namespace Ipc.Hosting;

/// <summary>Settings of a hosted renderer (<c>services.AddIpcRenderer(options => …)</c>).</summary>
public sealed class IpcRendererHostingOptions
{
    /// <summary>The renderer's own settings (timeouts, serializer…). Its logger factory is the container's unless set here.</summary>
    public IpcRendererOptions Renderer { get; set; } = new();

    /// <summary>
    /// Where main listens (<see cref="IpcMain.Listen"/>). Null, the default, connects to the main process that started
    /// this one, found through the environment it set (<see cref="IpcRenderer.ConnectToParentAsync(IpcRendererOptions?, CancellationToken)"/>).
    /// </summary>
    public IpcEndpoint? Endpoint { get; set; }

    /// <summary>
    /// Whether the host stops when the connection to main ends (true by default): a renderer without its main has
    /// nothing to do, and main's supervision starts a new one if it should. False keeps the host running; the
    /// <see cref="IpcRenderer"/> stays disconnected (it does not reconnect).
    /// </summary>
    public bool StopHostWhenMainDisconnects { get; set; } = true;
}
