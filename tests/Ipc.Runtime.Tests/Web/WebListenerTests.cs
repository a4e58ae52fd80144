using System.Buffers.Binary;
using System.Net.WebSockets;
using Ipc.Runtime.Tests.Infrastructure;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Web;

/// <summary>
/// Main's web listener faces any program on the machine: each test sends what a browser would not — no token, a
/// foreign origin or host, garbage — sees it refused and reported, and then sees a proper page still served.
/// </summary>
public sealed class WebListenerTests : IDisposable
{
    private readonly IpcMain _main = new();
    private readonly List<Exception> _errors = [];

    public WebListenerTests()
    {
        _main.Error += (_, e) =>
        {
            lock (_errors)
            {
                _errors.Add(e.Exception);
            }
        };
        _main.Handle("echo", (_, args) => Task.FromResult<object?>(args.Get<string>(0)));
    }

    public void Dispose() => _main.Dispose();

    [Fact]
    public async Task APageWithTheTokenIsARendererWithItsOriginAndNoProcessId()
    {
        IpcWebEndpoint web = _main.ListenWeb();

        using IpcRenderer page = WebSocketRenderers.Connect(_main);

        Assert.Equal("pong", await page.InvokeAsync<string>("echo", "pong").Bounded());
        IpcSender sender = Assert.Single(_main.Renderers);
        Assert.Equal(0, sender.ProcessId);
        Assert.Equal(WebClient.OriginOf(web), sender.Origin);
        Assert.Contains("page http://127.0.0.1:", sender.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWithTheReasonAndMainKeepsServing()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await WebClient.ConnectAsync(web);

        await socket.SendAsync(Hello(new string('0', 64)), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        byte[] answer = new byte[4096];
        WebSocketReceiveResult result = await socket.ReceiveAsync(answer, CancellationToken.None).WaitAsync(Rig.Patience);

        var refusal = Assert.Throws<IpcConnectionRefusedException>(() => Handshake.ReadWelcome(new MemoryStream(answer, 0, result.Count)));
        Assert.Contains("wrong token", refusal.Message, StringComparison.Ordinal);
        await AssertReportedAsync("wrong token");
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task AnUpgradeFromAnOriginNotAllowedIsRefusedWith403BeforeAnyIpcByte(string? origin)
    {
        IpcWebEndpoint web = _main.ListenWeb();

        string answer = await WebClient.RawAsync(web, WebClient.Upgrade(web, origin));

        Assert.StartsWith("HTTP/1.1 403 Forbidden", answer, StringComparison.Ordinal);
        await AssertReportedAsync("is not allowed");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task AnOriginInTheAllowListMayConnect()
    {
        using var main = new IpcMain();
        var options = new IpcWebOptions();
        options.AllowedOrigins.Add("https://app.example");
        IpcWebEndpoint web = main.ListenWeb(options);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://app.example");

        await socket.ConnectAsync(web.WebSocketAddress, CancellationToken.None).WaitAsync(Rig.Patience);

        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1")]
    [InlineData("attacker.example:80")]
    public async Task ARequestForAnotherHostNameIsRefusedAsDnsRebinding(string host)
    {
        IpcWebEndpoint web = _main.ListenWeb();

        string upgrade = await WebClient.RawAsync(web, WebClient.Upgrade(web, WebClient.OriginOf(web), host));
        string file = await WebClient.GetAsync(web, IpcWebEndpoint.ClientScriptPath, host);

        Assert.StartsWith("HTTP/1.1 421", upgrade, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 421", file, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("\0\0\0\0garbage\r\n\r\n")]
    [InlineData("GET / HTTP/1.0\r\n\r\n")]
    [InlineData("GET relative HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nno colon here\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    public async Task AMalformedRequestIsAnswered400AndMainKeepsServing(string request)
    {
        IpcWebEndpoint web = _main.ListenWeb();

        string answer = await WebClient.RawAsync(web, request);

        Assert.StartsWith("HTTP/1.1 400 Bad Request", answer, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ARequestHeadLargerThanTheCapIsRefusedWithoutReadingOn()
    {
        IpcWebEndpoint web = _main.ListenWeb();

        string answer = await WebClient.RawAsync(web, "GET / HTTP/1.1\r\nX-Filler: " + new string('a', 20_000) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request", answer, StringComparison.Ordinal);
        Assert.Contains("larger than 8192 bytes", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameAnnouncedAboveTheMaximumClosesThatPageAndMainKeepsServing()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web);
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, int.MaxValue);

        await socket.SendAsync(prefix, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

        await WebClient.ReadToCloseAsync(socket);
        await Waiting.UntilAsync(() => _main.Renderers.Count == 0);
        await AssertReportedAsync("above the maximum");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ATextMessageClosesThatPageAndMainKeepsServing()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web);

        await socket.SendAsync("{\"hello\":1}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        await WebClient.ReadToCloseAsync(socket);
        await Waiting.UntilAsync(() => _main.Renderers.Count == 0);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task GarbageFramesAreDroppedAndReportedAsOnEveryTransportAndMainKeepsServing()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web);
        var random = new Random(17);
        for (int i = 0; i < 5; i++)
        {
            byte[] garbage = new byte[64];
            random.NextBytes(garbage);
            BinaryPrimitives.WriteInt32LittleEndian(garbage, garbage.Length - 4);
            garbage[4] = 0xEE; // no such kind

            await socket.SendAsync(garbage, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }

        await Waiting.UntilAsync(() =>
        {
            lock (_errors)
            {
                return _errors.Count > 0;
            }
        });
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task APageThatOfferedNoBinaryArgumentsGetsByteArraysAsBase64InsideJson()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web); // offers no feature, as the JavaScript client
        IpcSender page = await SoleRendererAsync();

        page.Send("bytes", new byte[] { 1, 2, 3 });

        byte[] message = new byte[4096];
        WebSocketReceiveResult result = await socket.ReceiveAsync(message, CancellationToken.None).WaitAsync(Rig.Patience);
        Ipc.Protocol.Frame frame = Ipc.Protocol.Frame.Decode(message.AsMemory(4, result.Count - 4));
        Assert.Equal("bytes", frame.Channel);
        Assert.Equal("\"AQID\"", System.Text.Encoding.UTF8.GetString(frame.Body.Span[8..]));
    }

    [Fact]
    public async Task AConnectionThatNeverAsksAnythingIsNotReportedAsAnError()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using (var idle = new System.Net.Sockets.TcpClient())
        {
            await idle.ConnectAsync("127.0.0.1", web.BaseAddress.Port); // as a browser's speculative preconnect
        }

        await AssertStillServesAsync();
        lock (_errors)
        {
            Assert.Empty(_errors);
        }
    }

    [Fact]
    public async Task TheJavaScriptClientIsServedAtItsFixedPath()
    {
        IpcWebEndpoint web = _main.ListenWeb();

        string answer = await WebClient.GetAsync(web, IpcWebEndpoint.ClientScriptPath);

        Assert.StartsWith("HTTP/1.1 200 OK", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/javascript; charset=utf-8", answer, StringComparison.Ordinal);
        Assert.Contains("export async function connect", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheContentRootIsServedAndNothingOutsideItOrHidden()
    {
        string root = Directory.CreateTempSubdirectory("ipcgen-web-").FullName;
        try
        {
            File.WriteAllText(Path.Join(root, "index.html"), "<h1>page</h1>");
            File.WriteAllText(Path.Join(root, ".secret"), "hidden");
            File.WriteAllText(Path.Join(Path.GetDirectoryName(root)!, "outside.txt"), "outside");
            using var main = new IpcMain();
            IpcWebEndpoint web = main.ListenWeb(new IpcWebOptions { ContentRoot = root });

            Assert.Contains("<h1>page</h1>", await WebClient.GetAsync(web, "/"), StringComparison.Ordinal);
            Assert.Contains("Content-Type: text/html; charset=utf-8", await WebClient.GetAsync(web, "/index.html"), StringComparison.Ordinal);
            foreach (string path in new[] { "/.secret", "/../outside.txt", "/%2e%2e/outside.txt", "/..%2Foutside.txt", "/..%5Coutside.txt", "/missing.html" })
            {
                Assert.StartsWith("HTTP/1.1 404 Not Found", await WebClient.GetAsync(web, path), StringComparison.Ordinal);
            }

            Assert.StartsWith("HTTP/1.1 405", await WebClient.RawAsync(web, $"POST / HTTP/1.1\r\nHost: {web.BaseAddress.Authority}\r\n\r\n"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(Path.Join(Path.GetDirectoryName(root)!, "outside.txt"));
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ThePageAddressCarriesTheTokenInItsFragmentNeverItsQuery()
    {
        IpcWebEndpoint web = _main.ListenWeb();

        Uri page = web.PageAddress("/app/index.html");

        Assert.Equal("127.0.0.1", page.Host);
        Assert.Equal("/app/index.html", page.AbsolutePath);
        Assert.Equal("", page.Query);
        Assert.Equal($"#{IpcWebEndpoint.TokenParameter}={web.Token}", page.Fragment);
        Assert.Matches("^[0-9a-f]{64}$", web.Token);
        Assert.Same(web, _main.ListenWeb());
        Assert.Throws<ArgumentException>(() => web.PageAddress("relative"));
        Assert.Throws<ArgumentException>(() => web.PageAddress("//other.example/"));
    }

    [Theory]
    [InlineData("app.example")]
    [InlineData("https://app.example/path")]
    [InlineData("not an origin")]
    public void AnAllowedOriginThatIsNotAnOriginIsRefusedByName(string origin)
    {
        var options = new IpcWebOptions();
        options.AllowedOrigins.Add(origin);

        var error = Assert.Throws<ArgumentException>(() => _main.ListenWeb(options));

        Assert.Contains(origin, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcWebOptions { Port = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcWebOptions { Port = 65536 });
        Assert.Throws<ArgumentException>(() => _main.ListenWeb(new IpcWebOptions { ContentRoot = "/no/such/folder" }));
    }

    [Fact]
    public void ListenWebAfterDisposeThrowsObjectDisposedException()
    {
        _main.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _main.ListenWeb());
    }

    [Fact]
    public async Task DisposingMainClosesEveryPageWithANormalClosure()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web);

        _main.Dispose();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await WebClient.ReadToCloseAsync(socket));
    }

    [Fact]
    public async Task APageThatVanishesWithoutACloseFrameIsGoneAsAKilledProcessIsAndNoError()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        var gone = new TaskCompletionSource<IpcRendererGoneEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.RendererGone += (_, e) => gone.TrySetResult(e);
        ClientWebSocket socket = await ConnectedPageAsync(web);
        await SoleRendererAsync();

        socket.Abort(); // as a browser that is killed: the TCP connection ends with no WebSocket close frame
        socket.Dispose();

        IpcRendererGoneEventArgs departure = await gone.Task.WaitAsync(Rig.Patience);
        Assert.Null(departure.ExitCode);
        lock (_errors)
        {
            Assert.Empty(_errors);
        }
    }

    [Fact]
    public async Task DisposingMainWhileAPageReadsNothingReturnsInsteadOfWaitingForThePage()
    {
        IpcWebEndpoint web = _main.ListenWeb();
        using ClientWebSocket socket = await ConnectedPageAsync(web); // and never reads again
        IpcSender page = await SoleRendererAsync();
        string chunk = new('x', 64 * 1024);
        for (int i = 0; i < 400 && page.IsConnected; i++)
        {
            try
            {
                page.Send("flood", chunk); // until the socket's buffers and main's queue for the page are full
            }
            catch (IpcException)
            {
                break; // main gave up on the page: also fine
            }
        }

        await Task.Run(_main.Dispose).WaitAsync(Rig.Patience);

        Assert.False(page.IsConnected);
    }

    private static byte[] Hello(string token)
    {
        using var hello = new MemoryStream();
        Handshake.WriteHello(hello, processId: 0, launchId: 0, token, Handshake.Features.None);
        return hello.ToArray();
    }

    /// <summary>A raw page that has completed the handshake.</summary>
    private static async Task<ClientWebSocket> ConnectedPageAsync(IpcWebEndpoint web)
    {
        ClientWebSocket socket = await WebClient.ConnectAsync(web);
        await socket.SendAsync(Hello(web.Token), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        byte[] answer = new byte[4096];
        WebSocketReceiveResult result = await socket.ReceiveAsync(answer, CancellationToken.None).WaitAsync(Rig.Patience);
        Handshake.ReadWelcome(new MemoryStream(answer, 0, result.Count));
        return socket;
    }

    private async Task<IpcSender> SoleRendererAsync()
    {
        await Waiting.UntilAsync(() => _main.Renderers.Count == 1);
        return _main.Renderers[0];
    }

    private async Task AssertReportedAsync(string reason) =>
        await Waiting.UntilAsync(() =>
        {
            lock (_errors)
            {
                return _errors.Any(e => (e.ToString()).Contains(reason, StringComparison.Ordinal));
            }
        });

    /// <summary>After whatever the test did, a proper page still connects and is answered.</summary>
    private async Task AssertStillServesAsync()
    {
        using IpcRenderer page = WebSocketRenderers.Connect(_main);
        Assert.Equal("still", await page.InvokeAsync<string>("echo", "still").Bounded());
    }
}
