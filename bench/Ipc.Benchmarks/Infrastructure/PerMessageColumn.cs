using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Ipc.Benchmarks.Throughput;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>Throughput-suite figures per message: one operation there is a batch of messages.</summary>
internal sealed class PerMessageColumn(PerMessageColumn.Kind kind) : IColumn
{
    public enum Kind
    {
        MessagesPerSecond,
        NanosecondsPerMessage,
        SenderBytesPerMessage,
    }

    public string Id => nameof(PerMessageColumn) + "." + kind;

    public string ColumnName => kind switch
    {
        Kind.MessagesPerSecond => "Msg/s",
        Kind.NanosecondsPerMessage => "ns/msg",
        _ => "Send B/msg",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.MessagesPerSecond => "Messages per second: batch size / mean batch time",
        Kind.NanosecondsPerMessage => "Mean batch time / batch size",
        _ => "Bytes the sending (benchmark) process allocated per message: MemoryDiagnoser's Allocated / batch size",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!Applies(benchmarkCase) || summary[benchmarkCase] is not { } report || report.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        string? payload = StoredValueColumn.Payload(benchmarkCase);
        int messages = ThroughputBenchmark.MessagesFor(int.Parse(payload!, CultureInfo.InvariantCulture));
        return kind switch
        {
            Kind.MessagesPerSecond => (messages / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture),
            Kind.NanosecondsPerMessage => (statistics.Mean / messages).ToString("N1", CultureInfo.InvariantCulture),
            _ => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long bytes
                ? ((double)bytes / messages).ToString("N1", CultureInfo.InvariantCulture)
                : "-",
        };
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(Applies);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static bool Applies(BenchmarkCase benchmarkCase) => typeof(ThroughputBenchmark).IsAssignableFrom(benchmarkCase.Descriptor.Type);
}
