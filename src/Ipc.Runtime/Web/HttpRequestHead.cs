using System.Text;

namespace Ipc.Web;

/// <summary>
/// The request line and headers of one HTTP/1.1 request, read from a raw stream with a hard size cap. Only what
/// the web listener needs is kept: the method, the path (query and fragment cut off) and the headers by
/// case-insensitive name. Anything malformed is refused rather than guessed at: this parser faces any program on
/// the machine, and browsers always send well-formed requests.
/// </summary>
internal sealed class HttpRequestHead
{
    /// <summary>The largest request head read; browsers send well under 2 KiB to a loopback page.</summary>
    public const int MaxSize = 8 * 1024;

    private static readonly string[] SingleValued = ["host", "origin", "sec-websocket-key", "sec-websocket-version", "upgrade"];

    private readonly Dictionary<string, string> _headers;

    private HttpRequestHead(string method, string path, Dictionary<string, string> headers, bool hasBody)
    {
        Method = method;
        Path = path;
        _headers = headers;
        HasTrailingBytes = hasBody;
    }

    /// <summary>GET, HEAD, ….</summary>
    public string Method { get; }

    /// <summary>The request target's path, still percent-encoded, without its query.</summary>
    public string Path { get; }

    /// <summary>True when bytes followed the head in the same read: a body, or a client that did not wait for the upgrade.</summary>
    public bool HasTrailingBytes { get; }

    /// <summary>A header's value, or null when the request has none.</summary>
    public string? this[string name] => _headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>True when the comma-separated header <paramref name="name"/> lists <paramref name="token"/> (case-insensitive).</summary>
    public bool HasToken(string name, string token) =>
        this[name]?.Split(',').Any(part => part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>Reads one request head; throws <see cref="InvalidDataException"/> with a reason when it is malformed or too large.</summary>
    /// <exception cref="EndOfStreamException">The client closed the connection before sending a whole head.</exception>
    public static HttpRequestHead Read(Stream stream)
    {
        byte[] buffer = new byte[MaxSize];
        int length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                throw new InvalidDataException($"the request head is larger than {MaxSize} bytes.");
            }

            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                throw new EndOfStreamException("The client closed the connection before sending a request.");
            }

            length += read;
        }

        return Parse(Encoding.Latin1.GetString(buffer, 0, end), hasTrailingBytes: length > end + 4);
    }

    private static HttpRequestHead Parse(string head, bool hasTrailingBytes)
    {
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[2] != "HTTP/1.1" || requestLine[0].Length == 0 || !requestLine[1].StartsWith('/'))
        {
            throw new InvalidDataException("the request line is not an HTTP/1.1 request for a path.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(" \t") || line.Any(c => char.IsControl(c) && c != '\t'))
            {
                throw new InvalidDataException("a header line is malformed.");
            }

            string name = line[..colon];
            string value = line[(colon + 1)..].Trim(' ', '\t');
            if (headers.TryGetValue(name, out string? earlier))
            {
                if (SingleValued.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"the {name} header appears twice.");
                }

                value = earlier + ", " + value;
            }

            headers[name] = value;
        }

        string target = requestLine[1];
        int query = target.IndexOfAny(['?', '#']);
        return new HttpRequestHead(requestLine[0], query < 0 ? target : target[..query], headers, hasTrailingBytes);
    }
}
