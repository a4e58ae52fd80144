using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ipc.Protocol;
using static Ipc.Telemetry.SemanticConventions;

namespace Ipc.Telemetry;

/// <summary>
/// The span and the duration of one call (a SendSync or an invocation), on the calling end (client) or the answering
/// end (server). Made only while something listens — <see cref="StartClient"/> and <see cref="StartServer"/> return
/// null otherwise, so a call costs two flag checks when nobody does. Ends once, whichever thread ends it. The
/// supervision heartbeat (<see cref="ChannelName.Heartbeat"/>) has none: checked only once something listens, it
/// would otherwise put a span and a duration every few seconds among the application's calls.
/// </summary>
[DebuggerDisplay("{_channel}: {Activity}")]
internal sealed class CallTelemetry
{
    private readonly PeerTelemetry _peer;
    private readonly string _channel;
    private readonly Histogram<double> _duration;
    private readonly long _started;
    private readonly Activity? _previous;
    private int _ended;

    private CallTelemetry(PeerTelemetry peer, string channel, Histogram<double> duration, Activity? activity, Activity? previous)
    {
        _peer = peer;
        _channel = channel;
        _duration = duration;
        _started = duration.Enabled ? Stopwatch.GetTimestamp() : 0;
        _previous = previous;
        Activity = activity;
    }

    /// <summary>The call's span; null when no trace listener wants it.</summary>
    public Activity? Activity { get; }

    /// <summary>True when a span or a duration of a call would be recorded now.</summary>
    public static bool IsWanted(bool client) =>
        IpcActivities.IsListening || (client ? IpcMetrics.ClientCallDuration : IpcMetrics.ServerCallDuration).Enabled;

    /// <summary>Starts the telemetry of a call this end makes; its span becomes the current activity.</summary>
    public static CallTelemetry? StartClient(PeerTelemetry peer, MessageKind kind, string channel)
    {
        if (!IsWanted(client: true) || ChannelName.IsHeartbeat(channel))
        {
            return null;
        }

        bool tracing = IpcActivities.IsListening;
        Activity? previous = Activity.Current;
        Activity? activity = tracing ? IpcActivities.StartClient(peer, kind, channel) : null;
        return new CallTelemetry(peer, channel, IpcMetrics.ClientCallDuration, activity, previous);
    }

    /// <summary>
    /// Starts the telemetry of a call the other end made; its span, child of <paramref name="remoteParent"/>, is the
    /// current activity until <see cref="RestoreCurrent"/>, so what the listener or handler starts nests inside it.
    /// </summary>
    public static CallTelemetry? StartServer(PeerTelemetry peer, MessageKind kind, string channel, ActivityContext remoteParent)
    {
        if (!IsWanted(client: false) || ChannelName.IsHeartbeat(channel))
        {
            return null;
        }

        bool tracing = IpcActivities.IsListening;
        Activity? previous = Activity.Current;
        Activity? activity = tracing ? IpcActivities.StartServer(peer, kind, channel, remoteParent) : null;
        return new CallTelemetry(peer, channel, IpcMetrics.ServerCallDuration, activity, previous);
    }

    /// <summary>Gives the thread back the activity it had before the span started (the span itself goes on).</summary>
    public void RestoreCurrent()
    {
        if (Activity is not null && Activity.Current != _previous)
        {
            Activity.Current = _previous;
        }
    }

    public void Succeeded() => End(null, null);

    /// <summary>Ends the call as failed; returns false, so that it can sit in an exception filter.</summary>
    public bool Failed(Exception error)
    {
        End(ErrorTypes.Of(error), error.Message);
        return false;
    }

    /// <summary>Ends the call as failed with <paramref name="errorType"/>.</summary>
    public void Failed(string errorType, string? description) => End(errorType, description);

    private void End(string? errorType, string? description)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        if (Activity is { } activity)
        {
            if (errorType is not null)
            {
                IpcActivities.SetError(activity, errorType, description);
            }

            activity.Stop();
        }

        if (_started != 0 && _duration.Enabled)
        {
            var tags = new TagList { { RpcMethod, MethodForMetrics(errorType) }, { Role, _peer.Role }, { NetworkTransport, _peer.NetworkTransport } };
            if (errorType is not null)
            {
                tags.Add(ErrorType, errorType);
            }

            _duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }

    /// <summary>
    /// The <c>rpc.method</c> of the duration: the channel, or <c>_OTHER</c> (as the conventions name a method the
    /// server does not know) on the answering end when nothing there answers the channel, so that a renderer
    /// calling made-up channels cannot grow main's metric series.
    /// </summary>
    private string MethodForMetrics(string? errorType) =>
        _duration == IpcMetrics.ServerCallDuration && errorType is ErrorTypes.NoHandler or ErrorTypes.NoReply ? OtherMethod : _channel;
}
