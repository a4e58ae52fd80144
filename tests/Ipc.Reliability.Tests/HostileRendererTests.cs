using System.Globalization;
using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.Reliability.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Reliability.Tests;

/// <summary>
/// Issue "Hostile renderers": a renderer process main started turns hostile. It reads IPCGEN_ENDPOINT,
/// IPCGEN_TOKEN and IPCGEN_LAUNCH_ID from its environment and speaks the wire format by hand
/// (<see cref="AttackRenderer"/>), and reports what it saw over a side channel (<see cref="ControlLink"/>).
/// One test per rule. In each, a well-behaved renderer process (<see cref="SteadyRenderer"/>) keeps checksummed
/// Send / SendSync / InvokeAsync traffic going and must find it intact, and main's live heap — this process's,
/// after a full blocking collection — stays bounded.
/// </summary>
[Collection(nameof(HeapMeasuredScenarios))]
public sealed class HostileRendererTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    /// <summary>The "does not hang" bound for starting a child, an attack's report and the traffic's end.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper _output;
    private readonly IpcMainOptions _options = new();
    private readonly IpcMain _main;
    private readonly SteadyTraffic _traffic;
    private readonly ManualResetEventSlim _releaseListener = new();
    private readonly List<Reported> _errors = [];
    private readonly List<IDisposable> _owned = [];

    /// <summary>Process ids the children reported themselves, for clean-up: never one taken from a Hello.</summary>
    private readonly List<int> _processes = [];

    public HostileRendererTests(ITestOutputHelper output)
    {
        _output = output;
        _main = new IpcMain(_options);
        _main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        _main.Error += (_, e) =>
        {
            // Kept small: an error quoting a huge channel name must not count towards the heap being measured.
            var reported = new Reported(e.Exception.GetType(), e.Sender?.Id, e.Exception.Message[..Math.Min(200, e.Exception.Message.Length)]);
            lock (_errors)
            {
                _errors.Add(reported);
            }
        };
        _traffic = new SteadyTraffic(_main);
    }

    public void Dispose()
    {
        _releaseListener.Set();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose(); // a closed control link tells its attacker to exit
        }

        _main.Dispose(); // the steady renderer exits when main goes
        foreach (int processId in _processes)
        {
            ChildProcess.KillQuietly(processId);
        }

        _releaseListener.Dispose();
    }

    [Fact]
    public async Task A_forged_launch_id_cannot_take_over_a_pending_launch()
    {
        const int extraConnections = 3;
        long heapBefore = LiveHeap();
        Attacker attacker = await StartAttackerAsync("attack-forge-launch", Text(extraConnections));

        // Main now waits in StartRendererAsync for a child that takes a second to connect; the attacker moves in
        // with that launch's id (its own + 1) and a made-up process id (which its own Hello claimed too), then opens
        // more connections with its token.
        using var timeout = new CancellationTokenSource(Bound);
        Task<IpcSender> slowStart = _main.StartRendererAsync(ChildProcess.StartInfo("renderer-steady", "1000"), timeout.Token);
        attacker.Link.WriteLine("go");
        IReadOnlyDictionary<string, string> report = await attacker.ReportAsync();
        IpcSender child = await slowStart;

        Assert.True(
            child.ProcessId != AttackRenderer.ForgedProcessId,
            $"StartRendererAsync returned the attacker's forged connection (process id {child.ProcessId}, taken from its Hello) instead of the slow child's");
        SteadyTraffic.Start(child);
        (IpcSender greeted, int childProcessId) = await _traffic.Hello.WaitAsync(Bound); // main's first message reached the real child
        _processes.Add(childProcessId);
        Assert.Same(child, greeted);
        Assert.Equal(childProcessId, child.ProcessId);

        Assert.Equal("refused", report["forged"]);
        Assert.Equal("0", report["extra-accepted"]);
        await Eventually.TrueAsync(() => Refusals() >= 1 + extraConnections, "main reports each refused Hello on Error");
        Assert.DoesNotContain(_main.Renderers, r => r.ProcessId == AttackRenderer.ForgedProcessId);
        Assert.Single(_main.Renderers, r => r.ProcessId == attacker.ProcessId); // its own launch's connection, with its real process id

        await AssertTrafficIntactAsync(child);
        AssertHeapGrewLessThan(heapBefore, 16 * MiB, "after the forged launch");
    }

    [LinuxOnlyFact]
    public async Task A_stranger_presenting_a_launch_token_is_refused_and_does_not_spend_the_launchs_connection()
    {
        // The child takes a second to connect; meanwhile this process — its parent, not one of its descendants —
        // presents its token and launch id, as a same-user process that read its environment could.
        using var timeout = new CancellationTokenSource(Bound);
        System.Diagnostics.ProcessStartInfo startInfo = ChildProcess.StartInfo("renderer-steady", "1000");
        HashSet<int> earlierChildren = ChildEnvironments.ChildIds();
        Task<IpcSender> slowStart = _main.StartRendererAsync(startInfo, timeout.Token);
        IReadOnlyDictionary<string, string> environment = await ChildEnvironments.WaitForNewChildWithAsync("IPCGEN_LAUNCH_ID", earlierChildren, timeout.Token);
        string token = environment[IpcEndpoint.TokenVariable];
        long launchId = long.Parse(environment["IPCGEN_LAUNCH_ID"], CultureInfo.InvariantCulture);

        using (Stream stranger = Ipc.Transport.LocalServer.Connect(_main.Listen().Address, timeout.Token))
        {
            Ipc.Transport.Handshake.WriteHello(stranger, Environment.ProcessId, launchId, token, Ipc.Transport.Handshake.Features.None);
            var refused = Assert.Throws<IpcConnectionRefusedException>(() => Ipc.Transport.Handshake.ReadWelcome(stranger));
            Assert.Contains("neither that launch's process", refused.Message);
        }

        IpcSender child = await slowStart; // the launch still admits its own child
        SteadyTraffic.Start(child);
        (IpcSender greeted, int childProcessId) = await _traffic.Hello.WaitAsync(Bound);
        _processes.Add(childProcessId);
        Assert.Same(child, greeted);
        await AssertTrafficIntactAsync(child);
    }

    [Fact]
    public async Task A_renderer_flooding_malformed_frames_is_closed_and_its_error_reports_do_not_pile_up()
    {
        const int frames = 200_000;
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("block", (e, args) =>
        {
            blocked.TrySetResult();
            _releaseListener.Wait(TimeSpan.FromSeconds(30));
        });
        IpcSender good = await StartSteadyAsync();

        // A listener that runs for seconds: every error report main queues meanwhile stays queued.
        using IpcRenderer blocker = _main.ConnectInProcess();
        blocker.Send("block");
        await blocked.Task.WaitAsync(Bound);
        long heapBefore = LiveHeap();

        Attacker attacker = await StartAttackerAsync("attack-malformed-flood", Text(frames));
        IReadOnlyDictionary<string, string> report = await attacker.ReportAsync();
        await Eventually.TrueAsync(() => !attacker.Sender.IsConnected, "main reads the attacker's connection to its end");
        long held = LiveHeap() - heapBefore; // still inside the blocking listener
        _releaseListener.Set();
        _output.WriteLine($"attacker: {Describe(report)}; main holds {held / (double)MiB:0.0} MiB more while its dispatcher is blocked");

        Assert.True(held < 16 * MiB, $"main holds {held / (double)MiB:0.0} MiB more after {report["sent"]} malformed 17-byte frames, with its dispatcher blocked");
        Assert.Equal("closed-by-main", report["end"]);
        await AssertTrafficIntactAsync(good); // its last SendSync was dispatched after every report queued before it
        int reportsForAttacker = Errors().Count(e => e.SenderId == attacker.Sender.Id);
        Assert.InRange(reportsForAttacker, 1, 9); // one pending report counting the rest, and the closing
    }

    [Fact]
    public async Task A_call_on_a_channel_name_over_the_limit_is_answered_within_MaxMessageSize_and_main_keeps_no_large_buffers()
    {
        int maxMessageSize = _options.MaxMessageSize;
        IpcSender good = await StartSteadyAsync();
        long heapBefore = LiveHeap();

        Attacker attacker = await StartAttackerAsync("attack-huge-channel", Text(maxMessageSize));
        IReadOnlyDictionary<string, string> report = await attacker.ReportAsync();
        long held = LiveHeap() - heapBefore; // after the attack, its connection still open
        _output.WriteLine($"attacker: {Describe(report)}; main holds {held / (double)MiB:0.0} MiB more");

        Assert.InRange(int.Parse(report["sync-reply"], CultureInfo.InvariantCulture), 1, maxMessageSize);
        Assert.InRange(int.Parse(report["invoke-reply"], CultureInfo.InvariantCulture), 1, maxMessageSize);
        Assert.Equal("2", report["sync-status"]); // RemoteError: the call is answered, with an error
        Assert.Equal("2", report["invoke-status"]);
        Assert.Equal("0", report["echo-status"]); // the connection is still usable: a 4 MiB echo comes back, then a small one
        Assert.InRange(int.Parse(report["echo-reply"], CultureInfo.InvariantCulture), 4 * MiB, 5 * MiB);
        Assert.Equal("answered", report["probe"]);
        Assert.True(attacker.Sender.IsConnected);
        // Near the baseline: buffers of up to 1 MiB that main may keep pooled, not the megabytes the calls needed.
        // Against a throwaway sketch of the rules main kept 0.1–4.8 MiB here; with large buffers still pooled, 20 MiB.
        Assert.True(held < 12 * MiB, $"main holds {held / (double)MiB:0.0} MiB more after two calls on a {maxMessageSize - 1024}-character channel name and a 4 MiB echo");
        await AssertTrafficIntactAsync(good);
    }

    [Fact]
    public async Task A_launch_token_admits_one_connection_and_one_process_gets_one_memory_budget()
    {
        const int connections = 24;
        int frameSize = _options.MaxMessageSize; // 16 MiB: the largest frame main accepts
        long bound = (2 * _options.MaxUndispatchedBytesPerRenderer) + (16 * MiB);
        IpcSender good = await StartSteadyAsync();
        long heapBefore = LiveHeap();

        Attacker attacker = await StartAttackerAsync("attack-many-connections", Text(connections), Text(frameSize));
        IReadOnlyDictionary<string, string> report = await attacker.ReportAsync();
        long held = LiveHeap() - heapBefore; // every unfinished frame written but its last byte
        _output.WriteLine($"attacker: {Describe(report)}; main holds {held / (double)MiB:0.0} MiB more");

        Assert.Equal("1", report["accepted"]);
        Assert.Equal(Text(connections - 1), report["refused"]);
        await Eventually.TrueAsync(() => Refusals() >= connections - 1, "main reports each refused connection on Error");
        Assert.True(held < bound, $"main holds {held / (double)MiB:0.0} MiB more for one process's {report["stuffed"]} unfinished 16 MiB frames (bound {bound / MiB} MiB)");
        Assert.Single(_main.Renderers, r => r.ProcessId == attacker.ProcessId);
        await AssertTrafficIntactAsync(good);
    }

    [Fact]
    public async Task Connections_of_one_process_through_the_listen_token_share_one_memory_budget()
    {
        const int connections = 24;
        int frameSize = _options.MaxMessageSize;
        long bound = (2 * _options.MaxUndispatchedBytesPerRenderer) + (16 * MiB); // the budget, one frame past it, slack
        IpcSender good = await StartSteadyAsync();
        long heapBefore = LiveHeap();

        Attacker attacker = await StartAttackerAsync("attack-many-connections", Text(connections), Text(frameSize), _main.Listen().Token);
        IReadOnlyDictionary<string, string> report = await attacker.ReportAsync();
        long held = LiveHeap() - heapBefore;
        _output.WriteLine($"attacker: {Describe(report)}; main holds {held / (double)MiB:0.0} MiB more");

        Assert.Equal(Text(connections), report["accepted"]); // the listen token admits any number of connections
        Assert.True(held < bound, $"main holds {held / (double)MiB:0.0} MiB more for one process's {report["stuffed"]} unfinished 16 MiB frames (bound {bound / MiB} MiB)");
        Assert.Equal(connections, _main.Renderers.Count(r => r.ProcessId == attacker.ProcessId));
        await AssertTrafficIntactAsync(good);
    }

    /// <summary>Starts the well-behaved renderer, sends it main's first message and waits until its traffic flows.</summary>
    private async Task<IpcSender> StartSteadyAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        IpcSender renderer = await _main.StartRendererAsync(ChildProcess.StartInfo("renderer-steady", "0"), timeout.Token);
        SteadyTraffic.Start(renderer);
        (IpcSender greeted, int processId) = await _traffic.Hello.WaitAsync(Bound);
        _processes.Add(processId);
        Assert.Same(renderer, greeted);
        await Eventually.TrueAsync(() => _traffic.Received >= 30, "the good renderer's traffic flows");
        return renderer;
    }

    /// <summary>Lets the traffic go on a little after the attack, stops it, and checks it end to end.</summary>
    private async Task AssertTrafficIntactAsync(IpcSender renderer)
    {
        int after = _traffic.Received + 60;
        await Eventually.TrueAsync(() => _traffic.Received >= after, "the good renderer's traffic flows after the attack");
        SteadyTraffic.Outcome outcome = await _traffic.StopAsync(renderer).WaitAsync(Bound);
        _output.WriteLine($"good renderer: {outcome}");
        Assert.True(outcome.IsIntact, $"the good renderer's traffic was not intact: {outcome}");
    }

    private async Task<Attacker> StartAttackerAsync(string mode, params string[] args)
    {
        var listener = new ControlLink.Listener();
        _owned.Add(listener);
        using var timeout = new CancellationTokenSource(Bound);
        Task<IpcSender> started = _main.StartRendererAsync(ChildProcess.StartInfo([mode, listener.Path, .. args]), timeout.Token);
        ControlLink link = await listener.AcceptAsync(timeout.Token);
        _owned.Add(link);
        string ready = await link.ReadLineAsync(timeout.Token); // "ready <pid>"
        int processId = int.Parse(ready.Split(' ')[1], CultureInfo.InvariantCulture);
        _processes.Add(processId);
        return new Attacker(await started, link, processId);
    }

    private void AssertHeapGrewLessThan(long before, long bound, string when)
    {
        long grown = LiveHeap() - before;
        Assert.True(grown < bound, $"main's live heap grew by {grown / (double)MiB:0.0} MiB {when}");
    }

    /// <summary>Main's live heap: this process's, after full blocking collections and pending finalizers.</summary>
    private static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private int Refusals() => Errors().Count(e => e.Type == typeof(IpcConnectionRefusedException));

    private Reported[] Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyDictionary<string, string> report) => string.Join(' ', report.Select(kv => $"{kv.Key}={kv.Value}"));

    private sealed record Reported(Type Type, int? SenderId, string Message);

    /// <summary>A hostile renderer: main's view of its own connection, its control link and its real process id.</summary>
    private sealed record Attacker(IpcSender Sender, ControlLink Link, int ProcessId)
    {
        public async Task<IReadOnlyDictionary<string, string>> ReportAsync()
        {
            using var timeout = new CancellationTokenSource(Bound);
            string line = await Link.ReadLineAsync(timeout.Token);
            IReadOnlyDictionary<string, string> report = ControlLink.ParseReport(line);
            Assert.False(report.ContainsKey("error"), $"the attack itself failed: {line}");
            return report;
        }
    }
}
