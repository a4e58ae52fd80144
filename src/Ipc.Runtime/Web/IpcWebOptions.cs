namespace Ipc;

/// <summary>How <see cref="IpcMain.ListenWeb"/> serves web pages as renderers (docs/web.md). Read once, at the first <see cref="IpcMain.ListenWeb"/>; not thread-safe.</summary>
public sealed class IpcWebOptions
{
    private int _port;

    /// <summary>
    /// The loopback TCP port to listen on; 0 (the default) lets the OS choose a free one, which
    /// <see cref="IpcWebEndpoint.BaseAddress"/> then names. Main listens on 127.0.0.1 only, never on other interfaces.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 0 and 65535.</exception>
    public int Port
    {
        get => _port;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            _port = value;
        }
    }

    /// <summary>
    /// Origins, besides main's own (<c>http://127.0.0.1:{port}</c> and <c>http://localhost:{port}</c>), whose pages may
    /// connect: each an exact origin such as <c>https://app.example</c> (scheme, host and port if not the default, no
    /// path), for a page that a WebView2 virtual host or another server serves. A WebSocket upgrade without an
    /// <c>Origin</c> header, or with one not listed, is refused with 403 before any IpcGen byte is read.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>
    /// A folder whose files main serves over HTTP (GET and HEAD, <c>index.html</c> for a folder), for the pages
    /// themselves; null (the default) serves none. Nothing outside it can be named, hidden files (a name starting
    /// with <c>.</c>) are not served, and every response says <c>Cache-Control: no-store</c>.
    /// </summary>
    public string? ContentRoot { get; set; }

    /// <summary>Checks the options as a whole; called by <see cref="IpcMain.ListenWeb"/>.</summary>
    internal IpcWebOptions Validated()
    {
        foreach (string origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/')
                || uri.AbsolutePath != "/")
            {
                throw new ArgumentException($"'{origin}' is not an origin: give a scheme, a host and a port if not the default, and no path.", nameof(AllowedOrigins));
            }
        }

        if (ContentRoot is not null && !Directory.Exists(ContentRoot))
        {
            throw new ArgumentException($"The content root '{ContentRoot}' is not a folder.", nameof(ContentRoot));
        }

        return this;
    }
}
