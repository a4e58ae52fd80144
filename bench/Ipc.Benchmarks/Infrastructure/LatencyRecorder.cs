using System.Diagnostics;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>
/// Records the duration of every round trip (two Stopwatch reads, nothing allocated) in a ring that keeps
/// the most recent ones, so that percentiles are per call rather than per BenchmarkDotNet iteration.
/// The ring is large enough to hold the workload iterations of a default run; older samples (jitting,
/// pilot) drop out.
/// </summary>
internal sealed class LatencyRecorder
{
    private const int Capacity = 1 << 19;

    private readonly long[] _ticks = new long[Capacity];
    private long _count;

    public long Count => _count;

    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Forgets every sample so far (the warm-up's).</summary>
    public void Reset() => _count = 0;

    public void Stop(long started)
    {
        long elapsed = Stopwatch.GetTimestamp() - started;
        _ticks[(int)(_count++ & (Capacity - 1))] = elapsed;
    }

    /// <summary>The percentiles of the kept samples, in nanoseconds.</summary>
    public Dictionary<string, double> Summary()
    {
        int kept = (int)Math.Min(_count, Capacity);
        long[] sorted = _ticks[..kept];
        Array.Sort(sorted);
        double toNs = 1e9 / Stopwatch.Frequency;
        return new Dictionary<string, double>
        {
            ["samples"] = kept,
            ["p50_ns"] = Percentile(sorted, 0.50) * toNs,
            ["p99_ns"] = Percentile(sorted, 0.99) * toNs,
            ["p999_ns"] = Percentile(sorted, 0.999) * toNs,
        };
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
