namespace Ipc;

/// <summary>
/// Where web pages connect to main as renderers, and the secret they connect with: what
/// <see cref="IpcMain.ListenWeb"/> returns. Hand a page its token in the fragment of the address it is loaded
/// from (<see cref="PageAddress"/>): a browser never sends a fragment to any server, so the token appears in no
/// request line and no server log. Treat the token as a password.
/// Immutable, so thread-safe.
/// </summary>
public sealed class IpcWebEndpoint
{
    /// <summary>The path of the WebSocket that pages connect to.</summary>
    public const string WebSocketPath = "/ipcgen";

    /// <summary>The path at which main serves the JavaScript client, an ES module: <c>import { connect } from "/ipcgen/client.js"</c>.</summary>
    public const string ClientScriptPath = "/ipcgen/client.js";

    /// <summary>The name of the fragment parameter that carries the token: <c>#ipcgen-token=…</c>.</summary>
    public const string TokenParameter = "ipcgen-token";

    internal IpcWebEndpoint(int port, string token)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        WebSocketAddress = new Uri($"ws://127.0.0.1:{port}{WebSocketPath}");
        Token = token;
    }

    /// <summary>Main's HTTP address on the loopback interface, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The WebSocket address a page connects to, <c>ws://127.0.0.1:{port}/ipcgen</c>.</summary>
    public Uri WebSocketAddress { get; }

    /// <summary>This main's secret for web pages: 64 hex characters, new each time main runs; admits any number of pages.</summary>
    public string Token { get; }

    /// <summary>
    /// The address to load a page of <see cref="IpcWebOptions.ContentRoot"/> from, with the token in its fragment:
    /// <c>http://127.0.0.1:{port}/index.html#ipcgen-token=…</c>. The JavaScript client's <c>connect()</c> reads it
    /// from there, keeps it in the tab's <c>sessionStorage</c> and removes it from the address bar.
    /// </summary>
    /// <param name="path">The page's path under the content root, e.g. <c>/</c> or <c>/app/index.html</c>.</param>
    /// <returns>The page's address with the token in its fragment.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not an absolute path (it must start with <c>/</c>), or has a fragment.</exception>
    public Uri PageAddress(string path = "/")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('#'))
        {
            throw new ArgumentException($"'{path}' is not a path on main's web listener: start it with one '/', without a fragment.", nameof(path));
        }

        return new Uri(BaseAddress, path + "#" + TokenParameter + "=" + Token);
    }

    /// <inheritdoc/>
    public override string ToString() => BaseAddress.ToString();
}
