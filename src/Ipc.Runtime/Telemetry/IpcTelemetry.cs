namespace Ipc;

/// <summary>
/// The names under which IpcGen reports traces and metrics, for OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>
/// (or an <see cref="System.Diagnostics.ActivityListener"/> / <see cref="System.Diagnostics.Metrics.MeterListener"/>).
/// Nothing is recorded, and nothing costs more than a flag check, until something listens. What each span and
/// instrument carries is in docs/observability.md.
/// Constants only, so thread-safe.
/// </summary>
public static class IpcTelemetry
{
    /// <summary>The name of IpcGen's <see cref="System.Diagnostics.ActivitySource"/>: spans for calls and messages.</summary>
    public const string ActivitySourceName = "IpcGen";

    /// <summary>The name of IpcGen's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "IpcGen";

    /// <summary>The version of the activity source and the meter: the IpcGen package version.</summary>
    public const string Version = "0.1.0";
}
