using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ipc.Browser.Tests.Infrastructure;
using Ipc.Web;

namespace Ipc.Benchmarks.Web;

/// <summary>
/// <c>--web [seconds-per-case]</c>: a web page's invoke round trip and message rate through headless Chromium, beside
/// a .NET renderer's over the same WebSocket and over the Unix socket, in one run. The page times its own calls with
/// <c>performance.now()</c>; the .NET renderers are timed the same way (sequential awaited invokes, then a burst of
/// sends closed by one invoke), so the rows compare. Not a BenchmarkDotNet suite: BenchmarkDotNet cannot drive a
/// browser's event loop, and a page's timer is coarse (5 µs in Chromium), which the per-call figures show.
/// </summary>
internal static class WebRendererBenchmark
{
    private const int Warmup = 500;

    public static async Task RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        // Web defaults: the page's camelCase objects bind to the records below.
        using var main = new IpcMain(new IpcMainOptions { Serializer = new JsonIpcSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)) });
        var ready = new TaskCompletionSource<IpcSender>(TaskCreationOptions.RunContinuationsAsynchronously);
        long counted = 0;
        main.On("ready", (e, _) => ready.TrySetResult(e.Sender));
        main.On("count", (_, _) => counted++);
        main.Handle("echo", (_, a) => Task.FromResult<object?>(a.Get<string>(0)));
        main.Handle("flush", (_, _) => Task.FromResult<object?>(counted));
        IpcWebEndpoint web = main.ListenWeb(new IpcWebOptions { ContentRoot = Path.Join(AppContext.BaseDirectory, "Web", "wwwroot") });

        await using Chromium browser = await Chromium.StartAsync();
        await browser.OpenAsync(web.PageAddress("/index.html"));
        IpcSender page = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using IpcRenderer overWebSocket = WebSocketRendererConnector.Connect(main);
        using IpcRenderer overSocket = await IpcRenderer.ConnectAsync(main.Listen());

        Console.WriteLine($"{await browser.VersionAsync()}, {Environment.ProcessorCount} cores, {seconds:0.#} s per case");
        Console.WriteLine("| renderer | payload | invoke mean µs | invoke p50 µs | invoke p99 µs | sends per second |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (int size in new[] { 64, 1024 })
        {
            string payload = new('x', size - 2); // a JSON string of `size` bytes with its quotes
            await ReportAsync("web page (Chromium)", size, () => PageInvokesAsync(page, seconds, payload), () => PageSendsAsync(page, seconds, payload));
            await ReportAsync(".NET, same WebSocket", size, () => RendererInvokesAsync(overWebSocket, seconds, payload), () => RendererSendsAsync(overWebSocket, seconds, payload));
            await ReportAsync(".NET, Unix socket", size, () => RendererInvokesAsync(overSocket, seconds, payload), () => RendererSendsAsync(overSocket, seconds, payload));
        }
    }

    private static async Task ReportAsync(string renderer, int size, Func<Task<Latency>> invokes, Func<Task<double>> sends)
    {
        Latency latency = await invokes();
        double rate = await sends();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {renderer} | {size} B | {latency.Mean:0.0} | {latency.P50:0.0} | {latency.P99:0.0} | {rate:0} |"));
    }

    private static async Task<Latency> PageInvokesAsync(IpcSender page, double seconds, string payload)
    {
        int count = await CalibrateAsync(n => PageInvokeBatchAsync(page, n, payload), seconds);
        return await PageInvokeBatchAsync(page, count, payload);
    }

    private static async Task<Latency> PageInvokeBatchAsync(IpcSender page, int count, string payload) =>
        (await page.InvokeAsync<Latency>("bench:invoke", [count, payload], CancellationToken.None))!;

    private static async Task<double> PageSendsAsync(IpcSender page, double seconds, string payload)
    {
        int count = Math.Max(1000, (int)(seconds * 20_000));
        await page.InvokeAsync<Burst>("bench:send", [Warmup, payload], CancellationToken.None);
        Burst burst = (await page.InvokeAsync<Burst>("bench:send", [count, payload], CancellationToken.None))!;
        return count / (burst.Micros / 1e6);
    }

    private static async Task<Latency> RendererInvokesAsync(IpcRenderer renderer, double seconds, string payload)
    {
        for (int i = 0; i < Warmup; i++)
        {
            await renderer.InvokeAsync<string>("echo", payload);
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            long start = Stopwatch.GetTimestamp();
            await renderer.InvokeAsync<string>("echo", payload);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        times.Sort();
        return new Latency(times.Average(), times[times.Count / 2], times[(int)(times.Count * 0.99)]);
    }

    private static async Task<double> RendererSendsAsync(IpcRenderer renderer, double seconds, string payload)
    {
        int count = Math.Max(1000, (int)(seconds * 20_000));
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            renderer.Send("count", payload);
        }

        await renderer.InvokeAsync<long>("flush");
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Finds how many page invokes fill about <paramref name="seconds"/>, warming up on the way.</summary>
    private static async Task<int> CalibrateAsync(Func<int, Task<Latency>> batch, double seconds)
    {
        Latency warm = await batch(Warmup);
        return Math.Max(Warmup, (int)(seconds * 1e6 / warm.Mean));
    }

    private sealed record Latency(double Mean, double P50, double P99);

    private sealed record Burst(double Micros);
}
