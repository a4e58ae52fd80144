using System.Diagnostics;
using Ipc.Dispatch;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc.Connection;

/// <summary>
/// A message from the other end, waiting its turn on the endpoint's dispatcher. <paramref name="traceParent"/> and
/// <paramref name="traceState"/> name the sender's span when the frame carried a trace context: the span of this
/// end's answer is its child. They are parsed only if something listens when the message runs.
/// </summary>
internal sealed class InboundMessage(Peer peer, MessageKind kind, long id, string channel, IpcArgs? args, int size, string? traceParent, string? traceState) : IDispatchItem
{
    /// <summary>The frame's size, counted against the inbound limit until the message has run.</summary>
    public int Size => size;

    /// <summary>True for a message whose sender waits for an answer.</summary>
    public bool IsCall => kind is MessageKind.SendSync or MessageKind.Invoke or MessageKind.NestedInvoke;

    public void Run()
    {
        try
        {
            Dispatch();
        }
        finally
        {
            peer.Inbound.Dispatched(size);
        }
    }

    private ActivityContext RemoteParent => traceParent is null || !IpcActivities.IsListening ? default : TraceContext.Parse(traceParent, traceState);

    private void Dispatch()
    {
        switch (kind)
        {
            case MessageKind.Send or MessageKind.MainSend:
                MessageTelemetry span = MessageTelemetry.Process(peer.Telemetry, channel, RemoteParent);
                span.End(peer.Endpoint.OnMessage(peer, channel, args!));
                break;
            case MessageKind.SendSync:
                CallTelemetry? telemetry = CallTelemetry.StartServer(peer.Telemetry, kind, channel, RemoteParent);
                try
                {
                    peer.Endpoint.OnSyncMessage(peer, new ReplySlot(peer.Outbox, id, channel, telemetry), channel, args!);
                }
                finally
                {
                    telemetry?.RestoreCurrent();
                }

                break;
            case MessageKind.Invoke or MessageKind.NestedInvoke:
                Invocation.Start(peer, id, channel, args!, RemoteParent);
                break;
            case MessageKind.Cancel:
                peer.Invocations.Cancel(id);
                break;
        }
    }
}
