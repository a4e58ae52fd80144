using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ipc.Protocol;
using static Ipc.Telemetry.SemanticConventions;

namespace Ipc.Telemetry;

/// <summary>
/// IpcGen's <see cref="Meter"/> and its instruments. Counters and histograms are recorded only while
/// <see cref="Instrument.Enabled"/> (a listener subscribed); the gauges read the live connections only when a
/// listener collects, so nothing is counted on the hot path for them.
/// </summary>
internal static class IpcMetrics
{
    public static readonly Meter Meter = new(IpcTelemetry.MeterName, IpcTelemetry.Version);

    public static readonly Histogram<double> ClientCallDuration = Meter.CreateHistogram<double>(
        "rpc.client.call.duration", "s", "How long a SendSync or invocation took, from the caller's side.");

    public static readonly Histogram<double> ServerCallDuration = Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "How long a SendSync or invocation took to answer, from the answering side.");

    public static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "ipcgen.messages.sent", "{message}", "Frames written, by kind.");

    public static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "ipcgen.messages.received", "{message}", "Frames read, by kind.");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>(
        "ipcgen.bytes.sent", "By", "Bytes of frames written, their length prefixes included, by kind.");

    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>(
        "ipcgen.bytes.received", "By", "Bytes of frames read, their length prefixes included, by kind.");

    public static readonly Counter<long> CallTimeouts = Meter.CreateCounter<long>(
        "ipcgen.calls.timed_out", "{call}", "Calls that ended with IpcTimeoutException.");

    public static readonly Counter<long> Disconnects = Meter.CreateCounter<long>(
        "ipcgen.disconnects", "{connection}", "Connections that ended; error.type is set when one broke rather than closed.");

    public static readonly Counter<long> ListenerErrors = Meter.CreateCounter<long>(
        "ipcgen.listener.errors", "{error}", "Listeners and handlers that threw.");

    public static readonly Counter<long> RendererRestarts = Meter.CreateCounter<long>(
        "ipcgen.renderer.restarts", "{restart}", "Restarts of supervised renderers, by why the instance before ended.");

    public static readonly Counter<long> RendererUnresponsive = Meter.CreateCounter<long>(
        "ipcgen.renderer.unresponsive", "{report}", "Supervised renderers reported unresponsive: a heartbeat unanswered within the timeout.");

    private static readonly LivePeers Live = new();

    static IpcMetrics()
    {
        Meter.CreateObservableUpDownCounter("ipcgen.renderers.active", Live.ActiveRenderers, "{renderer}", "Renderers connected to a main process of this process.");
        Meter.CreateObservableUpDownCounter("ipcgen.calls.pending", Live.PendingCalls, "{call}", "Calls sent and waiting for their reply, by the end that waits.");
        Meter.CreateObservableGauge("ipcgen.main.queued_bytes", Live.QueuedBytes, "By", "Bytes main holds for a renderer that has not read them yet, per renderer.");
    }

    /// <summary>Keeps <paramref name="peer"/> in the gauges until <see cref="Closed"/>.</summary>
    public static void Opened(Connection.Peer peer) => Live.Add(peer);

    /// <summary>Counts a connection's end and drops it from the gauges.</summary>
    public static void Closed(Connection.Peer peer, Exception? error)
    {
        Live.Remove(peer);
        if (Disconnects.Enabled)
        {
            var tags = new TagList { { Role, peer.Telemetry.Role }, { NetworkTransport, peer.Telemetry.NetworkTransport } };
            if (error is not null)
            {
                tags.Add(ErrorType, ErrorTypes.TypeName(error));
            }

            Disconnects.Add(1, tags);
        }
    }

    public static void Sent(PeerTelemetry peer, MessageKind kind, int framedLength)
    {
        if (MessagesSent.Enabled || BytesSent.Enabled)
        {
            Count(MessagesSent, BytesSent, peer, kind, framedLength);
        }
    }

    public static void Received(PeerTelemetry peer, ReadOnlySpan<byte> frame)
    {
        if ((MessagesReceived.Enabled || BytesReceived.Enabled) && frame.Length > 0)
        {
            Count(MessagesReceived, BytesReceived, peer, Frame.KindOf(frame[0]), frame.Length + Framing.PrefixSize);
        }
    }

    public static void TimedOut(PeerTelemetry peer, string channel)
    {
        if (CallTimeouts.Enabled)
        {
            CallTimeouts.Add(1, new TagList { { Role, peer.Role }, { RpcMethod, channel } });
        }
    }

    /// <summary>Counts a listener or handler that threw, on the <paramref name="role"/> end.</summary>
    public static void ListenerFailed(string role, string channel, Exception error)
    {
        if (ListenerErrors.Enabled)
        {
            ListenerErrors.Add(1, new TagList { { Role, role }, { Channel, channel }, { ErrorType, ErrorTypes.TypeName(error) } });
        }
    }

    /// <summary>Counts a restart that supervision decided, after an instance that ended for <paramref name="reason"/>.</summary>
    public static void Restarting(IpcRendererExitReason reason)
    {
        if (RendererRestarts.Enabled)
        {
            RendererRestarts.Add(1, new TagList { { ExitReason, ExitReasonName(reason) } });
        }
    }

    /// <summary>Counts a supervised renderer found unresponsive.</summary>
    public static void Unresponsive()
    {
        if (RendererUnresponsive.Enabled)
        {
            RendererUnresponsive.Add(1);
        }
    }

    /// <summary>The <c>ipcgen.exit.reason</c> of a reason: its name in snake case.</summary>
    public static string ExitReasonName(IpcRendererExitReason reason) => reason switch
    {
        IpcRendererExitReason.BootFailure => "boot_failure",
        IpcRendererExitReason.Crashed => "crashed",
        IpcRendererExitReason.Exited => "exited",
        IpcRendererExitReason.Disconnected => "disconnected",
        IpcRendererExitReason.Hung => "hung",
        _ => "unknown",
    };

    private static void Count(Counter<long> messages, Counter<long> bytes, PeerTelemetry peer, MessageKind kind, int framedLength)
    {
        var tags = new TagList { { Role, peer.Role }, { IpcMessageKind, KindName(kind) }, { NetworkTransport, peer.NetworkTransport } };
        messages.Add(1, tags);
        bytes.Add(framedLength, tags);
    }

    /// <summary>The <c>ipcgen.message.kind</c> of a frame kind: main's and a renderer's sends are both <c>send</c>.</summary>
    public static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Send or MessageKind.MainSend => "send",
        MessageKind.SendSync => "send_sync",
        MessageKind.Invoke or MessageKind.NestedInvoke => "invoke",
        MessageKind.Cancel => "cancel",
        MessageKind.Reply => "reply",
        _ => "unknown",
    };
}
