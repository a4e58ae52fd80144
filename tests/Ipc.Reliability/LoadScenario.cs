using System.Diagnostics;
using System.Globalization;

namespace Ipc.Reliability;

/// <summary>What one load run is asked to do.</summary>
/// <param name="Renderers">How many renderer processes send at once.</param>
/// <param name="Messages">How many messages each renderer sends, mixed Send / SendSync / InvokeAsync.</param>
/// <param name="MaxPayload">The largest payload in bytes; sizes are log-uniform from 16 B up to it.</param>
/// <param name="Seed">Seeds each renderer's choice of kinds and sizes (renderer i uses Seed + i).</param>
public sealed record LoadOptions(int Renderers, int Messages, int MaxPayload = 64 * 1024, int Seed = 7);

/// <summary>The figures of one load run, as main counted them.</summary>
public sealed record LoadReport(
    LoadOptions Options,
    long Sent,
    long Received,
    long Lost,
    long Duplicated,
    long OutOfOrder,
    long Corrupt,
    long ReplyMismatches,
    long Errors,
    long PayloadBytes,
    long PeakWorkingSet,
    long ProcessPeakWorkingSet,
    long PeakManagedHeap,
    TimeSpan Duration,
    IReadOnlyList<string> Problems)
{
    public bool IsClean => Lost == 0 && Duplicated == 0 && OutOfOrder == 0 && Corrupt == 0 && ReplyMismatches == 0 && Errors == 0 && Sent == Received && Problems.Count == 0;

    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"renderers × messages   {Options.Renderers} × {Options.Messages} (payload 16 B – {Options.MaxPayload} B, log-uniform; seed {Options.Seed})");
        text.AppendLine(c, $"messages sent          {Sent}");
        text.AppendLine(c, $"messages received      {Received}");
        text.AppendLine(c, $"lost                   {Lost}");
        text.AppendLine(c, $"duplicated             {Duplicated}");
        text.AppendLine(c, $"out of order           {OutOfOrder}");
        text.AppendLine(c, $"corrupt payloads       {Corrupt}");
        text.AppendLine(c, $"wrong replies          {ReplyMismatches}");
        text.AppendLine(c, $"errors                 {Errors}");
        text.AppendLine(c, $"payload bytes          {PayloadBytes} ({PayloadBytes / (1024.0 * 1024.0):0.0} MiB)");
        text.AppendLine(c, $"main peak working set  {PeakWorkingSet / (1024.0 * 1024.0):0.0} MiB (sampled every 50 ms); whole process since start, as the OS counts it: {ProcessPeakWorkingSet / (1024.0 * 1024.0):0.0} MiB");
        text.AppendLine(c, $"main peak managed heap {PeakManagedHeap / (1024.0 * 1024.0):0.0} MiB (sampled every 50 ms)");
        text.AppendLine(c, $"duration               {Duration.TotalSeconds:0.00} s ({Received / Math.Max(Duration.TotalSeconds, 0.001):0} messages/s)");
        foreach (string problem in Problems)
        {
            text.AppendLine(c, $"problem: {problem}");
        }

        return text.ToString();
    }
}

/// <summary>
/// N renderer processes each send M mixed messages to one main at once (this process is main). Main checks
/// that each message arrives exactly once, in the order its renderer sent it, with its payload intact, and
/// samples its own memory meanwhile.
/// </summary>
public static class LoadScenario
{
    public const string SendChannel = "load-send";
    public const string SyncChannel = "load-sync";
    public const string InvokeChannel = "load-invoke";
    public const string DoneChannel = "load-done";

    public static async Task<LoadReport> RunAsync(LoadOptions options, TimeSpan timeout)
    {
        var tally = new Dictionary<int, RendererTally>();
        var problems = new List<string>();
        long errors = 0;
        using var main = new IpcMain();
        main.Error += (_, e) =>
        {
            Interlocked.Increment(ref errors);
            lock (problems)
            {
                problems.Add($"main error from {e.Sender?.ToString() ?? "main"} on '{e.Channel}': {e.Exception.Message}");
            }
        };

        RendererTally TallyOf(IpcSender sender)
        {
            lock (tally)
            {
                if (!tally.TryGetValue(sender.Id, out RendererTally? t))
                {
                    tally[sender.Id] = t = new RendererTally(options.Messages);
                }

                return t;
            }
        }

        // Listeners run one at a time on main's dispatcher: the tallies need no locking among themselves.
        main.On(SendChannel, (e, args) => TallyOf(e.Sender).Record(args));
        main.On(SyncChannel, (e, args) => e.ReturnValue = TallyOf(e.Sender).Record(args));
        main.Handle(InvokeChannel, (e, args) => Task.FromResult<object?>(TallyOf(e.Sender).Record(args)));
        main.On(DoneChannel, (e, args) =>
        {
            RendererTally t = TallyOf(e.Sender);
            t.ReportedSent = args.Get<long>(0);
            t.ReportedMismatches = args.Get<long>(1);
            string? failure = args.Get<string>(2);
            if (failure is not null)
            {
                lock (problems)
                {
                    problems.Add($"{e.Sender}: {failure}");
                }
            }

            e.ReturnValue = true;
        });

        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int gone = 0;
        main.RendererGone += (_, e) =>
        {
            if (e.ExitCode != 0)
            {
                lock (problems)
                {
                    problems.Add($"{e.Renderer} exited with code {e.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
                }
            }

            if (Interlocked.Increment(ref gone) == options.Renderers)
            {
                exited.TrySetResult();
            }
        };

        using var sampler = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var started = new List<int>();
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            Task<IpcSender>[] starts = new Task<IpcSender>[options.Renderers];
            for (int i = 0; i < options.Renderers; i++)
            {
                ProcessStartInfo startInfo = ChildProcess.StartInfo(
                    "renderer-load",
                    options.Messages.ToString(CultureInfo.InvariantCulture),
                    options.MaxPayload.ToString(CultureInfo.InvariantCulture),
                    (options.Seed + i).ToString(CultureInfo.InvariantCulture));
                starts[i] = main.StartRendererAsync(startInfo, deadline.Token);
            }

            foreach (Task<IpcSender> start in starts)
            {
                started.Add((await start.ConfigureAwait(false)).ProcessId);
            }

            await exited.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            problems.Add($"the run did not finish within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            clock.Stop();
            foreach (int processId in started)
            {
                ChildProcess.KillQuietly(processId);
            }
        }

        sampler.Sample();
        RendererTally[] tallies;
        lock (tally)
        {
            tallies = [.. tally.Values];
        }

        if (tallies.Length != options.Renderers)
        {
            problems.Add($"{tallies.Length} of {options.Renderers} renderers sent anything");
        }

        long expected = (long)options.Renderers * options.Messages;
        long received = tallies.Sum(t => t.Unique);
        return new LoadReport(
            options,
            Sent: tallies.Sum(t => t.ReportedSent),
            Received: received,
            Lost: expected - received,
            Duplicated: tallies.Sum(t => t.Duplicated),
            OutOfOrder: tallies.Sum(t => t.OutOfOrder),
            Corrupt: tallies.Sum(t => t.Corrupt),
            ReplyMismatches: tallies.Sum(t => t.ReportedMismatches),
            Errors: Interlocked.Read(ref errors),
            PayloadBytes: tallies.Sum(t => t.PayloadBytes),
            PeakWorkingSet: sampler.PeakWorkingSet,
            ProcessPeakWorkingSet: ProcessPeakWorkingSet(),
            PeakManagedHeap: sampler.PeakManagedHeap,
            Duration: clock.Elapsed,
            Problems: problems);
    }

    private static long ProcessPeakWorkingSet()
    {
        using Process self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>What main saw from one renderer.</summary>
    private sealed class RendererTally(int messages)
    {
        private readonly bool[] _seen = new bool[messages];
        private int _highest = -1;

        public long Unique { get; private set; }

        public long Duplicated { get; private set; }

        public long OutOfOrder { get; private set; }

        public long Corrupt { get; private set; }

        public long PayloadBytes { get; private set; }

        public long ReportedSent { get; set; }

        public long ReportedMismatches { get; set; }

        /// <summary>Checks one message (sequence number, payload, checksum) and returns its sequence number.</summary>
        public int Record(IpcArgs args)
        {
            int seq = args.Get<int>(0);
            string payload = args.Get<string>(1) ?? "";
            int checksum = args.Get<int>(2);
            PayloadBytes += payload.Length;
            if ((uint)seq >= (uint)_seen.Length || Payloads.Checksum(payload) != checksum)
            {
                Corrupt++;
                return seq;
            }

            if (_seen[seq])
            {
                Duplicated++;
                return seq;
            }

            _seen[seq] = true;
            Unique++;
            if (seq < _highest)
            {
                OutOfOrder++; // a later message of the same renderer arrived first
            }
            else
            {
                _highest = seq;
            }

            return seq;
        }
    }
}
