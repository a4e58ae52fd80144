using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ipc.Browser.Tests.Infrastructure;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> package; <c>IPCGEN_CHROMIUM</c> names another binary), driven
/// over the DevTools protocol on its own WebSocket: open a tab at an address, close it. Pages report what they saw
/// over IpcGen itself, so nothing else of the protocol is needed.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _devTools = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly StringBuilder _log = new();
    private int _nextId;

    private Chromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Where the browser binary is looked for.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("IPCGEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>What the browser wrote to stderr (page console messages included), for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<Chromium> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"No Chromium at {Executable}: install Debian's 'chromium' package (.ci/run does) or set IPCGEN_CHROMIUM to a Chromium binary.");
        }

        DirectoryInfo profile = Directory.CreateTempSubdirectory("ipcgen-chromium-");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // The flags of a quiet, offline, throwaway browser: no sandbox (CI runs as root), no first-run, no background
        // connections (refused on a closed network), a fresh profile, the DevTools endpoint on a port the OS picks.
        foreach (string flag in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--remote-debugging-port=0",
            $"--user-data-dir={profile.FullName}", "about:blank",
        })
        {
            start.ArgumentList.Add(flag);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var browser = new Chromium(process, profile);
        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (browser._log)
            {
                browser._log.AppendLine(e.Data);
            }

            if (DevToolsLine().Match(e.Data) is { Success: true } match)
            {
                endpoint.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            Uri devTools = await endpoint.Task.WaitAsync(StartTimeout);
            await browser._devTools.ConnectAsync(devTools, CancellationToken.None).WaitAsync(StartTimeout);
            _ = browser.ReadEventsAsync();
        }
        catch (Exception e)
        {
            await browser.DisposeAsync();
            throw new InvalidOperationException($"Chromium did not open its DevTools endpoint: {e.Message}\n{browser.Log}", e);
        }

        return browser;
    }

    /// <summary>Opens a new tab at <paramref name="address"/>; returns its target id.</summary>
    public async Task<string> OpenAsync(Uri address)
    {
        JsonNode result = await CallAsync("Target.createTarget", new JsonObject { ["url"] = address.ToString() });
        return result["targetId"]!.GetValue<string>();
    }

    /// <summary>The browser's product and version, e.g. <c>Chrome/156.0.8078.73</c>.</summary>
    public async Task<string> VersionAsync() => (await CallAsync("Browser.getVersion", []))["product"]!.GetValue<string>();

    /// <summary>Closes a tab, as a user closing it would: its page goes, and with it its WebSocket.</summary>
    public Task CloseAsync(string targetId) => CallAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId });

    public async ValueTask DisposeAsync()
    {
        _devTools.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or stuck: the profile folder is still removed below when it can be.
        }

        _process.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting child process; it is in the temp folder.
        }
    }

    private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];

    private async Task<JsonNode> CallAsync(string method, JsonObject parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = answer;
        }

        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters });
        await _sendLock.WaitAsync();
        try
        {
            await _devTools.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }

        return await answer.Task.WaitAsync(StartTimeout);
    }

    private async Task ReadEventsAsync()
    {
        byte[] buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_devTools.State == WebSocketState.Open)
            {
                WebSocketReceiveResult result = await _devTools.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                JsonNode? node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"]?.GetValue<int>() is int id)
                {
                    TaskCompletionSource<JsonNode>? answer;
                    lock (_pending)
                    {
                        _pending.Remove(id, out answer);
                    }

                    if (node["error"] is { } error)
                    {
                        answer?.TrySetException(new InvalidOperationException($"DevTools refused: {error.ToJsonString()}"));
                    }
                    else
                    {
                        answer?.TrySetResult(node["result"] ?? new JsonObject());
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The browser went away; pending calls time out with their own message.
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
