namespace Ipc;

/// <summary>Which side of the connection sends the messages of an <see cref="IpcChannelAttribute"/> contract.</summary>
public enum IpcDirection
{
    /// <summary>The renderer sends and the main process listens or handles (Electron's <c>ipcRenderer.send</c> / <c>invoke</c>).</summary>
    RendererToMain = 0,

    /// <summary>The main process sends and renderers listen (Electron's <c>webContents.send</c>).</summary>
    MainToRenderer = 1,
}
