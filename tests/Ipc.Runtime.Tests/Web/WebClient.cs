using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Ipc.Runtime.Tests.Web;

/// <summary>Raw HTTP and WebSocket clients for main's web listener, to send it what a browser would and what a hostile program might.</summary>
internal static class WebClient
{
    /// <summary>Sends <paramref name="request"/> as is and returns everything the listener answered before it closed the connection.</summary>
    public static async Task<string> RawAsync(IpcWebEndpoint web, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", web.BaseAddress.Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer).WaitAsync(Infrastructure.Rig.Patience);
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    /// <summary>A GET for <paramref name="path"/> with the listener's own Host header.</summary>
    public static Task<string> GetAsync(IpcWebEndpoint web, string path, string? host = null) =>
        RawAsync(web, $"GET {path} HTTP/1.1\r\nHost: {host ?? HostOf(web)}\r\n\r\n");

    /// <summary>A WebSocket upgrade request, as RFC 6455 spells it, with the given Origin (none when null).</summary>
    public static string Upgrade(IpcWebEndpoint web, string? origin, string? host = null) =>
        $"GET {IpcWebEndpoint.WebSocketPath} HTTP/1.1\r\nHost: {host ?? HostOf(web)}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{(origin is null ? "" : $"Origin: {origin}\r\n")}\r\n";

    /// <summary>Opens a WebSocket from main's own origin.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(IpcWebEndpoint web)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", OriginOf(web));
        await socket.ConnectAsync(web.WebSocketAddress, CancellationToken.None);
        return socket;
    }

    /// <summary>Reads until the listener closes the socket; returns the close status, or null when the connection was cut.</summary>
    public static async Task<WebSocketCloseStatus?> ReadToCloseAsync(ClientWebSocket socket)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Infrastructure.Rig.Patience);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return result.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    public static string OriginOf(IpcWebEndpoint web) => web.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static string HostOf(IpcWebEndpoint web) => web.BaseAddress.Authority;
}
