using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Ipc.Reliability;

/// <summary>
/// A line-based side channel between a test and a child process it had main start, outside IPC: an attacker's
/// findings must reach the test even when main has closed, refused or stuffed every IPC connection it has.
/// Lines: the child's "ready &lt;pid&gt;", the test's "go", the child's "report key=value …".
/// </summary>
public sealed class ControlLink : IDisposable
{
    /// <summary>How long a child waits for the test before giving up, so a child whose test died never lingers.</summary>
    private static readonly TimeSpan ChildPatience = TimeSpan.FromMinutes(2);

    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;

    private ControlLink(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(stream, Encoding.UTF8);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>The child's end: connects to the test's listener and says it is ready.</summary>
    public static ControlLink Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        socket.ReceiveTimeout = (int)ChildPatience.TotalMilliseconds;
        var link = new ControlLink(socket);
        link.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {Environment.ProcessId}"));
        return link;
    }

    public void WriteLine(string line) => _writer.WriteLine(line);

    /// <summary>Blocks for the next line; null once the test has closed its end (or after <see cref="ChildPatience"/>).</summary>
    public string? ReadLine()
    {
        try
        {
            return _reader.ReadLine();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("The child closed its control link.");

    /// <summary>Parses a "report key=value key=value" line.</summary>
    public static IReadOnlyDictionary<string, string> ParseReport(string line)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] != "report")
        {
            throw new InvalidDataException($"Not a report: '{line}'.");
        }

        return words.Skip(1).Select(w => w.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _socket.Dispose();
    }

    /// <summary>The test's end: a Unix socket in a fresh private directory, accepting one child.</summary>
    public sealed class Listener : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ipcgen-control-");
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        public Listener()
        {
            Path = System.IO.Path.Combine(_directory.FullName, "c.sock");
            _socket.Bind(new UnixDomainSocketEndPoint(Path));
            _socket.Listen(1);
        }

        public string Path { get; }

        public async Task<ControlLink> AcceptAsync(CancellationToken cancellationToken) =>
            new(await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false));

        public void Dispose()
        {
            _socket.Dispose();
            _directory.Delete(recursive: true);
        }
    }
}
