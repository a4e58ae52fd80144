using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ipc;

namespace Ipc.Benchmarks.Peer;

/// <summary>
/// Telemetry "on" for a benchmark run: with <c>IPCGEN_BENCH_TELEMETRY=1</c> in the environment (inherited by
/// BenchmarkDotNet's processes and the peers), every process listens to IpcGen's spans (all recorded) and to all
/// of its instruments, as an OpenTelemetry SDK would, but drops what it gets. Without it nothing listens, which is
/// the default and what every other figure measures.
/// </summary>
public static class BenchTelemetry
{
    public const string Variable = "IPCGEN_BENCH_TELEMETRY";

    private static ActivityListener? s_spans;
    private static MeterListener? s_metrics;

    public static bool IsOn => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Starts listening when the environment asks for it; once per process.</summary>
    public static void StartIfRequested()
    {
        if (!IsOn || s_spans is not null)
        {
            return;
        }

        s_spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IpcTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => { },
        };
        ActivitySource.AddActivityListener(s_spans);

        s_metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IpcTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        s_metrics.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        s_metrics.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        s_metrics.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        s_metrics.Start();
    }
}
