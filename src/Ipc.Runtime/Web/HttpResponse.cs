using System.Globalization;
using System.Text;

namespace Ipc.Web;

/// <summary>Writes the few HTTP/1.1 responses the web listener gives; every one closes the connection after it.</summary>
internal static class HttpResponse
{
    /// <summary>Headers on every response: nothing is cached or sniffed, and no other site may frame the page.</summary>
    private const string CommonHeaders =
        "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n";

    public static void WriteContent(Stream stream, string contentType, ReadOnlySpan<byte> body, bool headOnly)
    {
        WriteHead(stream, "200 OK", $"Content-Type: {contentType}\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n");
        if (!headOnly)
        {
            stream.Write(body);
        }

        stream.Flush();
    }

    public static void WriteError(Stream stream, string status, string reason)
    {
        byte[] body = Encoding.UTF8.GetBytes(reason + "\n");
        WriteHead(stream, status, $"Content-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n");
        stream.Write(body);
        stream.Flush();
    }

    /// <summary>The 101 answer to a WebSocket upgrade (RFC 6455 §4.2.2).</summary>
    public static void WriteSwitchingProtocols(Stream stream, string accept)
    {
        stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        stream.Flush();
    }

    private static void WriteHead(Stream stream, string status, string headers) =>
        stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}{CommonHeaders}\r\n"));
}
