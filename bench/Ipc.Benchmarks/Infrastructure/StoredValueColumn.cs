using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>A column showing a figure a benchmark process stored through <see cref="ResultStore"/>.</summary>
internal sealed class StoredValueColumn(string directory, string columnName, string valueName, string legend, UnitType unit) : IColumn
{
    public string Id => nameof(StoredValueColumn) + "." + valueName;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => unit;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? value = Read(benchmarkCase);
        if (value is null)
        {
            return "-";
        }

        return unit == UnitType.Time
            ? FormatNanoseconds(value.Value)
            : value.Value.ToString("N1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Read(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    internal static string? Payload(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "PayloadBytes")?.Value?.ToString();

    internal static string KeyOf(BenchmarkCase benchmarkCase) =>
        ResultStore.Key(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, Payload(benchmarkCase));

    private static string FormatNanoseconds(double ns) =>
        ns >= 1e6 ? (ns / 1e6).ToString("N2", CultureInfo.InvariantCulture) + " ms"
        : ns >= 1e3 ? (ns / 1e3).ToString("N2", CultureInfo.InvariantCulture) + " μs"
        : ns.ToString("N1", CultureInfo.InvariantCulture) + " ns";

    private double? Read(BenchmarkCase benchmarkCase) => ResultStore.Read(directory, KeyOf(benchmarkCase), valueName);
}
