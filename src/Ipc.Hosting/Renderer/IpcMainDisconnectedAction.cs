namespace Ipc.Hosting;

/// <summary>What a hosted renderer does when its connection to main ends (<see cref="IpcRendererHostingOptions.OnMainDisconnected"/>).</summary>
public enum IpcMainDisconnectedAction
{
    /// <summary>
    /// Stop the host (the default): a renderer without its main has nothing to do, and main's supervision starts a new
    /// one if it should.
    /// </summary>
    StopHost,

    /// <summary>
    /// Connect again, to the main listening at <see cref="IpcRendererHostingOptions.Endpoint"/> (or where
    /// <see cref="IpcRendererHostingOptions.EndpointProvider"/> says), within <see cref="IpcRendererHostingOptions.Reconnect"/>;
    /// when every attempt has failed, stop the host.
    /// </summary>
    Reconnect,

    /// <summary>Nothing: the host runs on, the renderer stays disconnected and its calls fail with <see cref="IpcDisconnectedException"/>.</summary>
    None,
}
