namespace Ipc.Web;

/// <summary>
/// What the web listener serves over plain HTTP: the JavaScript client at <see cref="IpcWebEndpoint.ClientScriptPath"/>,
/// and, when <see cref="IpcWebOptions.ContentRoot"/> is set, the files under that folder. Paths are resolved so that
/// nothing outside the folder can be named (no <c>..</c>, no encoded separators), and a folder serves its <c>index.html</c>.
/// </summary>
internal sealed class WebContent
{
    private static readonly Lazy<byte[]> ClientScript = new(LoadClientScript);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".ico"] = "image/x-icon",
        [".wasm"] = "application/wasm",
        [".woff2"] = "font/woff2",
    };

    private readonly string? _root;

    public WebContent(string? contentRoot)
    {
        _root = contentRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot));
    }

    /// <summary>Finds what a GET for <paramref name="path"/> returns; false when there is nothing (a 404).</summary>
    public bool TryGet(string path, out string contentType, out byte[] body)
    {
        if (path == IpcWebEndpoint.ClientScriptPath)
        {
            contentType = ContentTypes[".js"];
            body = ClientScript.Value;
            return true;
        }

        contentType = "";
        body = [];
        if (_root is null || ResolveFile(path) is not { } file)
        {
            return false;
        }

        try
        {
            body = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        contentType = ContentTypes.TryGetValue(Path.GetExtension(file), out string? type) ? type : "application/octet-stream";
        return true;
    }

    /// <summary>The file under the content root that <paramref name="path"/> names, or null when it names none or leaves the root.</summary>
    private string? ResolveFile(string path)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return null;
        }

        string[] segments = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(segment => segment is "." or ".." || segment.IndexOfAny(['\\', ':', '\0']) >= 0 || segment.StartsWith('.')))
        {
            return null; // no way out of the root, and no hidden files
        }

        string candidate = Path.GetFullPath(Path.Join([_root!, .. segments]));
        if (!candidate.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && candidate != _root)
        {
            return null;
        }

        if (Directory.Exists(candidate))
        {
            candidate = Path.Join(candidate, "index.html");
        }

        return File.Exists(candidate) ? candidate : null;
    }

    private static byte[] LoadClientScript()
    {
        using Stream script = typeof(WebContent).Assembly.GetManifestResourceStream("Ipc.Web.client.js")
            ?? throw new InvalidOperationException("The IpcGen JavaScript client is missing from Ipc.Runtime's resources.");
        using var copy = new MemoryStream();
        script.CopyTo(copy);
        return copy.ToArray();
    }
}
