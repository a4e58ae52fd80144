// Compiled into both tests/Ipc.TestRenderer and tests/Ipc.CrossProcess.Tests (linked there), like IGreeter.cs.
using System.Diagnostics;
using System.Globalization;

namespace Ipc.TestRenderer.Contracts;

/// <summary>What the "traced" renderer sends main on "trace-report": the greeting it got and the spans its own OpenTelemetry SDK exported.</summary>
internal sealed record TraceReport(int ProcessId, string Greeting, SpanRecord[] Spans);

/// <summary>One exported span, as text, so that it crosses the process boundary: ids in hex, tags as string pairs.</summary>
internal sealed record SpanRecord(
    string Process,
    string DisplayName,
    string Kind,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    DateTime StartUtc,
    double DurationMilliseconds,
    string Status,
    SpanTag[] Tags)
{
    /// <summary>The parent id of a span that has none.</summary>
    public static readonly string NoParent = default(ActivitySpanId).ToHexString();

    /// <summary>True when the span has no parent: it starts its trace.</summary>
    public bool IsRoot => ParentSpanId == NoParent;

    /// <summary>Copies a stopped <paramref name="activity"/>, recorded by <paramref name="process"/> ("main" or "renderer").</summary>
    public static SpanRecord Of(string process, Activity activity) => new(
        process,
        activity.DisplayName,
        activity.Kind.ToString(),
        activity.TraceId.ToHexString(),
        activity.SpanId.ToHexString(),
        activity.ParentSpanId.ToHexString(),
        activity.StartTimeUtc,
        activity.Duration.TotalMilliseconds,
        activity.Status.ToString(),
        [.. activity.TagObjects.Select(t => new SpanTag(t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? ""))]);

    /// <summary>The value of the tag <paramref name="key"/>, or null when the span does not carry it.</summary>
    public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key)?.Value;
}

/// <summary>One tag of a <see cref="SpanRecord"/>.</summary>
internal sealed record SpanTag(string Key, string Value);
