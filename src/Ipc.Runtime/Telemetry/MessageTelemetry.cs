using System.Diagnostics;

namespace Ipc.Telemetry;

/// <summary>
/// The span of one fire-and-forget message: a producer span while it is sent, a consumer span while its listeners
/// run. A value type that holds nothing when nobody listens.
/// </summary>
internal readonly struct MessageTelemetry
{
    private readonly Activity? _activity;
    private readonly Activity? _previous;

    private MessageTelemetry(Activity? activity, Activity? previous)
    {
        _activity = activity;
        _previous = previous;
    }

    /// <summary>Starts the producer span of a message to <paramref name="peer"/> (null: a broadcast to every renderer).</summary>
    public static MessageTelemetry Send(PeerTelemetry? peer, string channel)
    {
        if (!IpcActivities.IsListening)
        {
            return default;
        }

        Activity? previous = Activity.Current;
        return new MessageTelemetry(IpcActivities.StartProducer(peer, channel), previous);
    }

    /// <summary>Starts the consumer span of a message that arrived, child of the sender's span when the frame carried one.</summary>
    public static MessageTelemetry Process(PeerTelemetry peer, string channel, ActivityContext remoteParent)
    {
        if (!IpcActivities.IsListening)
        {
            return default;
        }

        Activity? previous = Activity.Current;
        return new MessageTelemetry(IpcActivities.StartConsumer(peer, channel, remoteParent), previous);
    }

    /// <summary>Ends the span, failed when <paramref name="error"/> is set, and gives the thread back its activity.</summary>
    public void End(Exception? error)
    {
        if (_activity is null)
        {
            return;
        }

        if (error is not null)
        {
            IpcActivities.SetError(_activity, ErrorTypes.Of(error), error.Message);
        }

        _activity.Stop();
        Activity.Current = _previous;
    }
}
