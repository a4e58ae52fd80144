using System.Net.WebSockets;
using Ipc.Transport;

namespace Ipc.Web;

/// <summary>
/// Connects a .NET renderer in main's own process to main's web listener, as a page connects: a WebSocket upgrade
/// from main's own origin, then the handshake with the web token. The runtime's semantic tests run over it, and the
/// web benchmark compares a page with it; no public API needs it, since a .NET renderer has the socket transports.
/// </summary>
internal static class WebSocketRendererConnector
{
    public static IpcRenderer Connect(IpcMain main, IpcRendererOptions? options = null, Action<IpcRenderer>? configure = null)
    {
        IpcWebEndpoint web = main.ListenWeb();
        string origin = web.BaseAddress.GetLeftPart(UriPartial.Authority);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            socket.ConnectAsync(web.WebSocketAddress, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var endpoint = new IpcEndpoint(web.WebSocketAddress.ToString(), web.Token, main);
        return RendererConnector.ConnectOver(new WebSocketTransportStream(socket, origin), endpoint, launchId: 0, configure, options, CancellationToken.None);
    }
}
