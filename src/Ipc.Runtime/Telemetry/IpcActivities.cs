using System.Diagnostics;
using Ipc.Protocol;
using static Ipc.Telemetry.SemanticConventions;

namespace Ipc.Telemetry;

/// <summary>
/// IpcGen's <see cref="ActivitySource"/> and how its spans start. Calls (SendSync, invocations either way) are
/// RPC client/server pairs named after the channel; fire-and-forget messages and broadcasts are messaging
/// producer/consumer spans named <c>send {channel}</c> / <c>process {channel}</c>. A span that answers the other
/// end (server, consumer) has the other end's span as its parent when its frame carried a trace context, and is a
/// root otherwise: it never adopts whatever activity the dispatching thread happens to have.
/// </summary>
internal static class IpcActivities
{
    public static readonly ActivitySource Source = new(IpcTelemetry.ActivitySourceName, IpcTelemetry.Version);

    /// <summary>True when a span might be recorded: checked before anything else is done for tracing.</summary>
    public static bool IsListening => Source.HasListeners();

    /// <summary>The client span of a call this end makes, child of the caller's current activity.</summary>
    public static Activity? StartClient(PeerTelemetry peer, MessageKind kind, string channel) =>
        Source.StartActivity(channel, ActivityKind.Client, default(ActivityContext), RpcTags(peer, kind, channel));

    /// <summary>The server span of a call the other end made.</summary>
    public static Activity? StartServer(PeerTelemetry peer, MessageKind kind, string channel, ActivityContext remoteParent) =>
        StartAnswering(channel, ActivityKind.Server, remoteParent, RpcTags(peer, kind, channel));

    /// <summary>The producer span of a message sent to one peer, or of a broadcast when <paramref name="peer"/> is null.</summary>
    public static Activity? StartProducer(PeerTelemetry? peer, string channel) =>
        Source.StartActivity("send " + channel, ActivityKind.Producer, default(ActivityContext), MessagingTags(peer, "send", channel));

    /// <summary>The consumer span of a message the other end sent: its listeners run inside it.</summary>
    public static Activity? StartConsumer(PeerTelemetry peer, string channel, ActivityContext remoteParent) =>
        StartAnswering("process " + channel, ActivityKind.Consumer, remoteParent, MessagingTags(peer, "process", channel));

    /// <summary>Marks <paramref name="activity"/> failed with an <c>error.type</c> and, when there is one, a description.</summary>
    public static void SetError(Activity activity, string errorType, string? description)
    {
        activity.SetTag(ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, description);
    }

    /// <summary>Records what a listener or handler threw as the span's <c>exception</c> event.</summary>
    public static void AddException(Activity activity, Exception error) =>
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            { "exception.type", ErrorTypes.TypeName(error) },
            { "exception.message", error.Message },
        }));

    /// <summary>
    /// Starts a span that answers the other end. Its parent is the remote context or nothing: the current
    /// activity is cleared around the start, so a thread's leftover activity never becomes the parent.
    /// </summary>
    private static Activity? StartAnswering(string name, ActivityKind kind, ActivityContext remoteParent, TagList tags)
    {
        Activity? current = Activity.Current;
        if (current is not null && remoteParent == default)
        {
            Activity.Current = null;
        }

        Activity? started = Source.StartActivity(name, kind, remoteParent, tags);
        if (started is null && current is not null)
        {
            Activity.Current = current;
        }

        return started;
    }

    private static TagList RpcTags(PeerTelemetry peer, MessageKind kind, string channel)
    {
        var tags = new TagList();
        if (EmitsExperimentalRpc)
        {
            tags.Add(RpcSystem, SystemName);
        }

        if (EmitsStableRpc)
        {
            tags.Add(RpcSystemName, SystemName);
        }

        tags.Add(RpcMethod, channel);
        tags.Add(IpcMessageKind, IpcMetrics.KindName(kind));
        AddPeerTags(ref tags, peer);
        return tags;
    }

    private static TagList MessagingTags(PeerTelemetry? peer, string operation, string channel)
    {
        var tags = new TagList
        {
            { MessagingSystem, SystemName },
            { MessagingOperationType, operation },
            { MessagingOperationName, operation },
            { MessagingDestinationName, channel },
        };
        if (peer is not null)
        {
            AddPeerTags(ref tags, peer);
        }

        return tags;
    }

    private static void AddPeerTags(ref TagList tags, PeerTelemetry peer)
    {
        tags.Add(NetworkTransport, peer.NetworkTransport);
        tags.Add(Role, peer.Role);
        if (peer.RendererId != 0)
        {
            tags.Add(RendererId, peer.RendererId);
        }
    }
}
