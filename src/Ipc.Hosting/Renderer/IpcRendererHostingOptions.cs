namespace Ipc.Hosting;

/// <summary>Settings of a hosted renderer (<c>services.AddIpcRenderer(options => …)</c>). Set while the host is being built and read when it starts; not thread-safe.</summary>
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
    /// Asked where main listens before each connection, the first and every reconnection, when set; it takes precedence
    /// over <see cref="Endpoint"/>. For a main that may come back at another address: a restarted main listens at a new
    /// one, with a new token, so the provider reads wherever that main publishes it.
    /// </summary>
    public Func<IpcEndpoint>? EndpointProvider { get; set; }

    /// <summary>
    /// What the renderer does when its connection to main ends: stop the host (<see cref="IpcMainDisconnectedAction.StopHost"/>,
    /// the default), reconnect (<see cref="IpcMainDisconnectedAction.Reconnect"/>, which needs <see cref="Endpoint"/> or
    /// <see cref="EndpointProvider"/>: a main that started this process cannot be found again once it is gone), or
    /// nothing (<see cref="IpcMainDisconnectedAction.None"/>).
    /// </summary>
    public IpcMainDisconnectedAction OnMainDisconnected { get; set; } = IpcMainDisconnectedAction.StopHost;

    /// <summary>The attempts and back-off of <see cref="IpcMainDisconnectedAction.Reconnect"/>.</summary>
    public IpcReconnectPolicy Reconnect { get; set; } = new();

    /// <summary>Where to connect now: the provider's answer, else <see cref="Endpoint"/>; null for the parent's environment.</summary>
    internal IpcEndpoint? CurrentEndpoint() => EndpointProvider is { } provider ? provider() : Endpoint;

    /// <summary>Reconnecting needs an address to go back to: the parent's environment names a main that is gone.</summary>
    internal bool CanReconnect => OnMainDisconnected != IpcMainDisconnectedAction.Reconnect || Endpoint is not null || EndpointProvider is not null;
}
