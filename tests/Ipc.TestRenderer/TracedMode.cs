using System.Diagnostics;
using Ipc.TestRenderer.Contracts;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Ipc.TestRenderer;

/// <summary>
/// The "traced" mode: a renderer with OpenTelemetry's SDK in its own process, listening to IpcGen's activity source,
/// makes one typed invoke to main (<see cref="IGreeter.Greet"/>), then reports the spans its SDK exported on
/// "trace-report" (SendSync, answered true by main). With "no-propagation" it does not offer trace context in the
/// handshake. Exits 0 once its connection to main ends.
/// </summary>
internal static class TracedMode
{
    public static async Task<int> RunAsync(string propagation)
    {
        bool propagate = propagation switch
        {
            "propagation" => true,
            "no-propagation" => false,
            _ => throw new ArgumentException($"unknown propagation '{propagation}'", nameof(propagation)),
        };

        var exported = new List<Activity>();
        TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(IpcTelemetry.ActivitySourceName)
            .AddInMemoryExporter(exported)
            .Build();
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IpcRenderer renderer = await IpcRenderer.ConnectToParentAsync(
            r => r.Disconnected += (_, _) => disconnected.TrySetResult(),
            new IpcRendererOptions { PropagateTraceContext = propagate });

        string greeting = await renderer.Greeter().Greet("renderer");

        // The call's client span ended before its task completed; flushing and disposing exports whatever is left
        // and removes the listener, so the report below is neither traced nor carries a trace context.
        tracing.ForceFlush();
        tracing.Dispose();
        SpanRecord[] spans = [.. exported.Select(activity => SpanRecord.Of("renderer", activity))];

        renderer.SendSync<bool>("trace-report", new TraceReport(Environment.ProcessId, greeting, spans));
        await disconnected.Task;
        return 0;
    }
}
