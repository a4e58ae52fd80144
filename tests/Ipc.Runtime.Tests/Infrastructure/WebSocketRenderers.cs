using Ipc.Web;

namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>Connects a .NET renderer to main's web listener where a web page would be (see <see cref="WebSocketRendererConnector"/>).</summary>
public static class WebSocketRenderers
{
    public static IpcRenderer Connect(IpcMain main, IpcRendererOptions? options = null, Action<IpcRenderer>? configure = null) =>
        WebSocketRendererConnector.Connect(main, options, configure);
}
