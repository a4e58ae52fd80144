using System.Net.WebSockets;
using Ipc.Transport;
using Ipc.Web;

namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>
/// Connects a .NET renderer to main's web listener, as a page would connect: a WebSocket upgrade from main's own
/// origin, then the IpcGen handshake with the web token. The semantic suite runs over it like any transport.
/// </summary>
public static class WebSocketRenderers
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
