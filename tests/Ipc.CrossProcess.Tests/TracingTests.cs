using System.Diagnostics;
using System.Globalization;
using Ipc.CrossProcess.Tests.Infrastructure;
using Ipc.TestRenderer.Contracts;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// OpenTelemetry's tracer provider and the <see cref="ActivityListener"/> under it are process-wide: while one is built,
/// it records every IpcGen span of the test process. The tracing tests therefore run alone, after the others.
/// </summary>
[CollectionDefinition(nameof(TracingTests), DisableParallelization = true)]
public sealed class TracingCollection;

/// <summary>
/// A typed call from a renderer process to main, traced at both ends with OpenTelemetry's SDK: the renderer
/// (tests/Ipc.TestRenderer, mode "traced") exports its own spans and reports them to main on "trace-report"; main
/// exports its spans in the test process. When both ends carry trace context, the two processes' spans form one trace.
/// </summary>
[Collection(nameof(TracingTests))]
public sealed class TracingTests : IDisposable
{
    /// <summary>The test's own source: main's handler starts a span of it, which must nest in the IpcGen server span.</summary>
    private const string HandlerSourceName = "Ipc.CrossProcess.Tests.Tracing";

    private static readonly ActivitySource s_handlerSource = new(HandlerSourceName);

    private readonly ITestOutputHelper _output;
    private readonly TestProcesses _processes = new();
    private readonly ExportedSpans _exported = new();
    private readonly TracerProvider _tracing;
    private readonly IpcMain _main = new();

    public TracingTests(ITestOutputHelper output)
    {
        _output = output;
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(IpcTelemetry.ActivitySourceName, HandlerSourceName)
            .AddInMemoryExporter(_exported)
            .Build();
    }

    private static string Transport => OperatingSystem.IsWindows() ? "pipe" : "unix";

    public void Dispose()
    {
        _main.Dispose();
        _tracing.Dispose();
        _processes.Dispose();
    }

    [Fact]
    public async Task A_typed_invoke_from_a_renderer_process_is_one_trace_with_mains_handler_span_as_the_child_of_the_renderers_span()
    {
        Traced run = await RunTracedRendererAsync("propagation");

        SpanRecord client = Assert.Single(run.RendererSpans);
        SpanRecord server = Assert.Single(run.MainSpans, s => s.Kind == nameof(ActivityKind.Server));
        SpanRecord work = Assert.Single(run.MainSpans, s => s.DisplayName == "handler-work");
        Assert.Equal(2, run.MainSpans.Length);

        AssertCallSpan(client, ActivityKind.Client, "renderer", run.Renderer);
        AssertCallSpan(server, ActivityKind.Server, "main", run.Renderer);
        Assert.True(client.IsRoot, $"the renderer's client span has parent {client.ParentSpanId}");
        Assert.Equal(client.SpanId, server.ParentSpanId); // main's server span is the child of the renderer's client span…
        Assert.Equal(server.SpanId, work.ParentSpanId); // …and the handler's own span the child of main's server span
        Assert.Equal(nameof(ActivityKind.Internal), work.Kind);
        Assert.Single(run.RendererSpans.Concat(run.MainSpans).Select(s => s.TraceId).Distinct()); // one trace across both processes
    }

    [Fact]
    public async Task A_renderer_that_does_not_offer_trace_context_gets_a_separate_trace()
    {
        Traced run = await RunTracedRendererAsync("no-propagation");

        SpanRecord client = Assert.Single(run.RendererSpans);
        SpanRecord server = Assert.Single(run.MainSpans, s => s.Kind == nameof(ActivityKind.Server));
        SpanRecord work = Assert.Single(run.MainSpans, s => s.DisplayName == "handler-work");
        Assert.Equal(2, run.MainSpans.Length);

        AssertCallSpan(client, ActivityKind.Client, "renderer", run.Renderer);
        AssertCallSpan(server, ActivityKind.Server, "main", run.Renderer);
        Assert.True(client.IsRoot, $"the renderer's client span has parent {client.ParentSpanId}");
        Assert.True(server.IsRoot, $"main's server span has parent {server.ParentSpanId}"); // no context came with the call
        Assert.NotEqual(client.TraceId, server.TraceId);
        Assert.Equal(server.SpanId, work.ParentSpanId); // the handler's span still nests in main's server span
        Assert.Equal(server.TraceId, work.TraceId);
    }

    /// <summary>
    /// Registers main's typed "greet" handler (which starts "handler-work") and the "trace-report" listener, starts a
    /// renderer in mode "traced", and returns the spans each process recorded for "greet". Disposes main at the end
    /// and checks that the renderer then exits 0.
    /// </summary>
    private async Task<Traced> RunTracedRendererAsync(string propagation)
    {
        _main.Greeter().Greet.Handle((e, name) =>
        {
            using Activity? work = s_handlerSource.StartActivity("handler-work");
            return Task.FromResult($"hello {name}");
        });
        var reported = new TaskCompletionSource<TraceReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        _main.On("trace-report", (e, args) =>
        {
            TraceReport sent = args.Get<TraceReport>(0)!;
            e.ReturnValue = true; // the reply leaves now, before the test can go on to dispose main under the renderer's SendSync
            reported.TrySetResult(sent);
        });
        IpcSender renderer = await StartAsync("traced", propagation);
        TraceReport report = await Eventually.Within(reported.Task);

        // Main's server span ends just after its reply is written, so the renderer may report before main exported it.
        await Eventually.TrueAsync(() => MainSpansOfGreet(renderer).Length == 2, "main exports its server span and the handler's span");
        Assert.True(_tracing.ForceFlush(timeoutMilliseconds: (int)Eventually.Bound.TotalMilliseconds));
        SpanRecord[] mainSpans = MainSpansOfGreet(renderer);

        _output.WriteLine($"renderer {renderer.Id} (process {report.ProcessId}) got \"{report.Greeting}\"; main is process {Environment.ProcessId}");
        WriteTree([.. report.Spans, .. mainSpans]);

        // Main's Dispose raises no RendererGone (no event once it has returned), so the process itself is watched; its
        // exit code cannot be read here (the test did not start it), but the traced renderer exits only once main disconnects.
        using Process process = Process.GetProcessById(renderer.ProcessId);
        _main.Dispose();
        await Eventually.Within(process.WaitForExitAsync());

        Assert.Equal(renderer.ProcessId, report.ProcessId);
        Assert.Equal("hello renderer", report.Greeting);
        return new Traced(renderer, report.Spans, mainSpans);
    }

    /// <summary>Main's spans of the "greet" call from <paramref name="renderer"/>: the server span and the handler's span inside it.</summary>
    private SpanRecord[] MainSpansOfGreet(IpcSender renderer)
    {
        SpanRecord[] spans = [.. _exported.Snapshot().Select(activity => SpanRecord.Of("main", activity))];
        HashSet<string> servers = [.. spans
            .Where(s => s.Tag("rpc.method") == GreeterChannels.GreetChannel.Name && s.Tag("ipcgen.renderer.id") == Id(renderer))
            .Select(s => s.SpanId)];
        return [.. spans.Where(s => servers.Contains(s.SpanId) || (s.DisplayName == "handler-work" && servers.Contains(s.ParentSpanId)))];
    }

    private static void AssertCallSpan(SpanRecord span, ActivityKind kind, string role, IpcSender renderer)
    {
        Assert.Equal(kind.ToString(), span.Kind);
        Assert.Equal("greet", span.DisplayName); // the generated channel name of IGreeter.Greet
        Assert.Equal("greet", GreeterChannels.GreetChannel.Name);
        Assert.Equal("ipcgen", span.Tag("rpc.system"));
        Assert.Equal("greet", span.Tag("rpc.method"));
        Assert.Equal(Transport, span.Tag("network.transport"));
        Assert.Equal(role, span.Tag("ipcgen.role"));
        Assert.Equal("invoke", span.Tag("ipcgen.message.kind"));
        Assert.Equal(Id(renderer), span.Tag("ipcgen.renderer.id"));
        Assert.Null(span.Tag("error.type"));
        Assert.Equal(nameof(ActivityStatusCode.Unset), span.Status);
    }

    private static string Id(IpcSender renderer) => renderer.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the spans of both processes as a tree per trace: who recorded each, its kind, name, ids and duration.</summary>
    private void WriteTree(SpanRecord[] spans)
    {
        HashSet<string> known = [.. spans.Select(s => s.SpanId)];
        foreach (IGrouping<string, SpanRecord> trace in spans.GroupBy(s => s.TraceId).OrderBy(t => t.Min(s => s.StartUtc)))
        {
            _output.WriteLine($"trace {trace.Key}");
            foreach (SpanRecord root in trace.Where(s => !known.Contains(s.ParentSpanId)).OrderBy(s => s.StartUtc))
            {
                Write(root, 1);
            }
        }

        _output.WriteLine("");
        foreach (SpanRecord span in spans)
        {
            string tags = span.Tags.Length == 0 ? "(no tags)" : string.Join(", ", span.Tags.Select(t => $"{t.Key}={t.Value}"));
            _output.WriteLine($"{span.Process} {span.Kind} {span.DisplayName} {span.SpanId}: {tags}");
        }

        void Write(SpanRecord span, int depth)
        {
            string label = $"{new string(' ', 2 * depth)}{span.Process,-8} {span.Kind,-8} {span.DisplayName}";
            string parent = span.IsRoot ? "none" : span.ParentSpanId;
            _output.WriteLine($"{label,-40} span {span.SpanId}  parent {parent,-16}  {span.DurationMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),8} ms");
            foreach (SpanRecord child in spans.Where(c => c.TraceId == span.TraceId && c.ParentSpanId == span.SpanId).OrderBy(c => c.StartUtc))
            {
                Write(child, depth + 1);
            }
        }
    }

    private async Task<IpcSender> StartAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(Eventually.Bound * 2);
        IpcSender renderer = await _main.StartRendererAsync(TestProcesses.StartInfo(arguments), timeout.Token);
        _processes.Track(renderer.ProcessId);
        return renderer;
    }

    /// <summary>One run of the traced renderer: the renderer, the spans it exported, and main's spans of its call.</summary>
    private sealed record Traced(IpcSender Renderer, SpanRecord[] RendererSpans, SpanRecord[] MainSpans);
}
