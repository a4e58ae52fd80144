using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>
/// Records the IpcGen spans (and a test source's) that end while it lives. Listeners are process-wide, so a test
/// reads only the spans of its own channels: every test uses channels no other test uses.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    /// <summary>A source for spans the tests start themselves, around calls or inside handlers.</summary>
    public static readonly ActivitySource TestSource = new("IpcGen.Tests");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is IpcTelemetry.ActivitySourceName || source == TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> Named(string name) => [.. _stopped.Where(a => a.DisplayName == name)];

    /// <summary>Waits (boundedly) until exactly one span named <paramref name="name"/> of <paramref name="kind"/> has ended and returns it.</summary>
    public async Task<Activity> OneAsync(string name, ActivityKind kind) => (await ManyAsync(name, kind, 1))[0];

    /// <summary>Waits (boundedly) until <paramref name="count"/> spans named <paramref name="name"/> of <paramref name="kind"/> have ended.</summary>
    public async Task<IReadOnlyList<Activity>> ManyAsync(string name, ActivityKind kind, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Activity[] found = [.. _stopped.Where(a => a.DisplayName == name && a.Kind == kind)];
            if (found.Length == count)
            {
                return found;
            }

            Assert.True(found.Length < count, $"{found.Length} {kind} spans named '{name}' ended; {count} were expected.");
            Assert.True(deadline.Elapsed < Infrastructure.Rig.Patience, $"{found.Length} of {count} {kind} spans named '{name}' ended.");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Telemetry tests share process-wide listeners: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
