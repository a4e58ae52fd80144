namespace Ipc.Benchmarks.Infrastructure;

/// <summary>
/// The common part of the cross-process suites: the peer process a global setup starts, and the
/// measurements beyond BenchmarkDotNet's own that the global cleanup hands to the host's columns.
/// BenchmarkDotNet runs each case (method × parameters) in a process of its own, so one peer and one
/// method's measurements live here at a time.
/// </summary>
public abstract class CrossProcessBenchmark
{
    private PeerProcess? _peer;
    private string _method = "";

    /// <summary>The size of the string each message carries, in UTF-8 bytes (ASCII text: one byte per char).</summary>
    public abstract int PayloadBytes { get; set; }

    /// <summary>The message payload: <see cref="PayloadBytes"/> ASCII characters.</summary>
    protected string Payload { get; private set; } = "";

    /// <summary>The binary suites' payload: <see cref="PayloadBytes"/> bytes, pseudo-random (the same in every run).</summary>
    protected byte[] BinaryPayload { get; private set; } = [];

    /// <summary>The per-call durations of the method being measured, when it records them.</summary>
    internal LatencyRecorder Latency { get; } = new();

    internal PeerProcess Peer => _peer ?? throw new InvalidOperationException("No peer was started.");

    /// <summary>Extra figures to hand to the host, besides the latency percentiles.</summary>
    protected Dictionary<string, double> Extra { get; } = [];

    /// <summary>Starts the peer of <paramref name="kind"/> for <paramref name="method"/>.</summary>
    protected void StartPeer(string kind, string method, IReadOnlyDictionary<string, string>? environment = null)
    {
        _method = method;
        Ipc.Benchmarks.Peer.BenchTelemetry.StartIfRequested();
        Payload = new string('x', PayloadBytes);
        BinaryPayload = new byte[PayloadBytes];
        new Random(PayloadBytes).NextBytes(BinaryPayload);
        _peer = PeerProcess.Start(kind, environment);
    }

    /// <summary>
    /// Calls the measured method for <see cref="WarmUpTime"/> and then forgets its latencies. BenchmarkDotNet
    /// warms up this process, but the peer process's code is only compiled to its optimised tier after it has
    /// run for a while (tiered compilation waits for a quiet 100 ms); quick mode's short warm-up would
    /// otherwise measure partly unoptimised peers. Every floor, peer and IpcGen case gets the same warm-up.
    /// </summary>
    protected void WarmUp(Func<object?> call)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(WarmUpTime.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        do
        {
            if (call() is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until);

        Latency.Reset();
    }

    /// <summary>How long <see cref="WarmUp"/> runs the measured method.</summary>
    protected static TimeSpan WarmUpTime => TimeSpan.FromSeconds(1);

    /// <summary>Releases the clients; the peer is stopped after.</summary>
    protected abstract void DisposeClients();

    /// <summary>The suite's own class: BenchmarkDotNet's out-of-process runner derives a class of its own from it.</summary>
    private Type DeclaredSuite()
    {
        Type type = GetType();
        while (type.Assembly != typeof(CrossProcessBenchmark).Assembly)
        {
            type = type.BaseType!;
        }

        return type;
    }

    /// <summary>Hands the measurements to the host and stops the peer.</summary>
    protected void Finish()
    {
        var values = new Dictionary<string, double>(Extra);
        if (Latency.Count > 0)
        {
            foreach (KeyValuePair<string, double> pair in Latency.Summary())
            {
                values[pair.Key] = pair.Value;
            }
        }

        ResultStore.Write(ResultStore.Key(DeclaredSuite().Name, _method, PayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)), values);
        DisposeClients();
        _peer?.Dispose();
        _peer = null;
    }
}
