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
/// <remarks>
/// A pooled <paramref name="frame"/> goes back to the pool once the message has run, when nothing can still read it:
/// its arguments went only to typed listeners, which read what they need while they run (a <c>ReadOnlyMemory&lt;byte&gt;</c>
/// view is documented as valid only then). Arguments handed to an untyped listener (<see cref="IpcArgs.IsHandedOut"/>),
/// which may keep its <see cref="IpcArgs"/>, and to an invocation's handler, which reads them until its task ends, keep
/// their frame; the collector takes it when they let go.
/// </remarks>
internal sealed class InboundMessage(Peer peer, MessageKind kind, long id, string channel, IpcArgs? args, Transport.ReceivedFrame frame, string? traceParent, string? traceState) : IDispatchItem
{
    /// <summary>The frame's size, counted against the inbound limit until the message has run.</summary>
    public int Size => frame.Bytes.Length;

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
            peer.Inbound.Dispatched(Size);
            if (frame.IsPooled && kind is not (MessageKind.Invoke or MessageKind.NestedInvoke) && args?.IsHandedOut != true)
            {
                frame.Return();
            }
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
