using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Ipc.Transport;

namespace Ipc.Web;

/// <summary>
/// Main's listener for web pages: HTTP/1.1 on the IPv4 loopback address only. It answers three things and
/// nothing else — a WebSocket upgrade at <see cref="IpcWebEndpoint.WebSocketPath"/>, which becomes a renderer
/// connection; the JavaScript client; the files of <see cref="IpcWebOptions.ContentRoot"/> — one request per TCP
/// connection. Before an upgrade it checks the <c>Host</c> header (a page of another site that rebinds a DNS name to
/// 127.0.0.1 presents its own name) and the <c>Origin</c> against the allow-list; the token is checked after,
/// in the Hello, as on every transport.
/// </summary>
internal sealed class WebListener : ConnectionListener
{
    /// <summary>RFC 6455's fixed GUID, appended to the client's key for <c>Sec-WebSocket-Accept</c>.</summary>
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener _listener;
    private readonly WebContent _content;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;

    public WebListener(IpcWebOptions options)
    {
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start(backlog: 64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _content = new WebContent(options.ContentRoot);
        _hosts = new(StringComparer.OrdinalIgnoreCase) { $"127.0.0.1:{Port}", $"localhost:{Port}" };
        _origins = new(StringComparer.OrdinalIgnoreCase) { $"http://127.0.0.1:{Port}", $"http://localhost:{Port}" };
        _origins.UnionWith(options.AllowedOrigins.Select(origin => origin.TrimEnd('/')));
    }

    /// <summary>The port listened on (the one asked for, or the one the OS chose for 0).</summary>
    public int Port { get; }

    public override string Address => $"http://127.0.0.1:{Port}";

    public override Stream Accept()
    {
        Socket socket = _listener.AcceptSocket();
        socket.NoDelay = true; // one frame per message: Nagle would hold small replies back
        return new NetworkStream(socket, ownsSocket: true);
    }

    public override Stream? Open(Stream accepted, out string? refusal)
    {
        refusal = null;
        HttpRequestHead request;
        try
        {
            request = HttpRequestHead.Read(accepted);
        }
        catch (InvalidDataException e)
        {
            return Answer(accepted, "400 Bad Request", $"a malformed HTTP request: {e.Message}", out refusal);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
            return null; // a browser's speculative connection that never asked anything, or a client that left
        }

        try
        {
            return Route(accepted, request, out refusal);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return null; // the client left while it was answered
        }
    }

    public override void Dispose() => _listener.Stop();

    private Stream? Route(Stream accepted, HttpRequestHead request, out string? refusal)
    {
        refusal = null;
        if (request["Host"] is not { } host || !_hosts.Contains(host))
        {
            // Another host name means a page of another site reached the loopback address by DNS rebinding.
            return Answer(accepted, "421 Misdirected Request", $"the Host header '{request["Host"]}' is not this listener's loopback address.", out refusal);
        }

        if (request.Path == IpcWebEndpoint.WebSocketPath)
        {
            return Upgrade(accepted, request, out refusal);
        }

        if (request.Method is not ("GET" or "HEAD"))
        {
            HttpResponse.WriteError(accepted, "405 Method Not Allowed", "Only GET and HEAD are served.");
            return null;
        }

        if (_content.TryGet(request.Path, out string contentType, out byte[] body))
        {
            HttpResponse.WriteContent(accepted, contentType, body, headOnly: request.Method == "HEAD");
        }
        else
        {
            HttpResponse.WriteError(accepted, "404 Not Found", "Not found.");
        }

        return null;
    }

    private Stream? Upgrade(Stream accepted, HttpRequestHead request, out string? refusal)
    {
        if (request.Method != "GET" || !request.HasToken("Connection", "Upgrade") || !request.HasToken("Upgrade", "websocket")
            || request["Sec-WebSocket-Version"] != "13" || !IsWebSocketKey(request["Sec-WebSocket-Key"]) || request.HasTrailingBytes)
        {
            return Answer(accepted, "400 Bad Request", "a WebSocket upgrade that does not follow RFC 6455.", out refusal);
        }

        if (request["Origin"] is not { } origin || !_origins.Contains(origin))
        {
            return Answer(accepted, "403 Forbidden", $"the origin '{request["Origin"] ?? "(none)"}' is not allowed (IpcWebOptions.AllowedOrigins).", out refusal);
        }

        HttpResponse.WriteSwitchingProtocols(accepted, AcceptKey(request["Sec-WebSocket-Key"]!));
        refusal = null;
        return new WebSocketTransportStream(accepted, origin);
    }

    private static Stream? Answer(Stream accepted, string status, string reason, out string? refusal)
    {
        refusal = reason;
        try
        {
            HttpResponse.WriteError(accepted, status, "IpcGen refused the request: " + reason);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client has gone already; the refusal is still reported.
        }

        return null;
    }

    private static bool IsWebSocketKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, decoded, out int length) && length == 16;
    }

    private static string AcceptKey(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
}
