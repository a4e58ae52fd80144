using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>One measurement of an IpcGen instrument, with its tags.</summary>
internal sealed record Measured(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? this[string tag] => Tags.TryGetValue(tag, out object? value) ? value : null;
}

/// <summary>Records the measurements of IpcGen's meter while it lives.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly ConcurrentQueue<Measured> _measured = new();
    private readonly MeterListener _listener = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IpcTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> so far whose tags include every pair of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Measured> Of(string instrument, params (string Key, object? Value)[] tags) =>
        [.. _measured.Where(m => m.Instrument == instrument && tags.All(t => Equals(m[t.Key], t.Value)))];

    /// <summary>The sum of the matching measurements.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Forgets what was measured so far.</summary>
    public void Clear() => _measured.Clear();

    /// <summary>Has the observable instruments report now.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measured.Enqueue(new Measured(instrument.Name, instrument.Unit, value, copy));
    }
}
