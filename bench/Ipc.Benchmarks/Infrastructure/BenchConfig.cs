using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>The one configuration every suite runs with: memory diagnoser, percentiles, per-message columns.</summary>
internal static class BenchConfig
{
    /// <summary>Set to 1 in quick mode, for the benchmark processes and the host alike.</summary>
    public const string QuickVariable = "IPCGEN_BENCH_QUICK";

    /// <summary>The category of benchmarks too long for quick mode.</summary>
    public const string FullOnlyCategory = "full-only";

    public static bool IsQuick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary>
    /// Full mode: BenchmarkDotNet's defaults, each case in a process of its own (a generated project is built
    /// first). Quick mode: few, short iterations, and the in-process toolchain (the measured code runs in
    /// this process; the peers still run in processes of their own), which saves the build and a process
    /// start per case.
    /// </summary>
    public static IConfig Create(bool quick)
    {
        string results = Path.Combine(Path.GetTempPath(), $"ipcgen-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(results);

        // The host's own process needs them too: its columns read them, and in quick mode it runs the benchmarks.
        Environment.SetEnvironmentVariable(ResultStore.DirectoryVariable, results);
        Environment.SetEnvironmentVariable(PeerProcess.PeerPathVariable, PeerProcess.DefaultPeerPath);
        Environment.SetEnvironmentVariable(QuickVariable, quick ? "1" : "0");

        Job job = quick
            ? Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(150))
                .WithId("Quick")
            : Job.Default
                .WithEnvironmentVariables(
                    new EnvironmentVariable(ResultStore.DirectoryVariable, results),
                    new EnvironmentVariable(PeerProcess.PeerPathVariable, PeerProcess.DefaultPeerPath),
                    new EnvironmentVariable(QuickVariable, "0"))
                .WithId("Full");

        return ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddFilter(new SimpleFilter(benchmark => !quick || !benchmark.Descriptor.Categories.Contains(FullOnlyCategory)))
            .AddColumn(StatisticColumn.P95)
            .AddColumn(
                new StoredValueColumn(results, "RT p50", "p50_ns", "Median of the per-call round-trip times (every call timed)", UnitType.Time),
                new StoredValueColumn(results, "RT p99", "p99_ns", "99th percentile of the per-call round-trip times (every call timed)", UnitType.Time),
                new PerMessageColumn(PerMessageColumn.Kind.MessagesPerSecond),
                new PerMessageColumn(PerMessageColumn.Kind.NanosecondsPerMessage),
                new PerMessageColumn(PerMessageColumn.Kind.SenderBytesPerMessage),
                new StoredValueColumn(results, "Recv B/msg", "recv_bytes_per_msg", "Bytes the receiving peer process allocated per message (GC.GetTotalAllocatedBytes)", UnitType.Dimensionless))
            .HideColumns(Column.EnvironmentVariables)
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
    }
}
