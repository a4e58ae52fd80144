using Ipc.Dispatch;
using Ipc.Protocol;

namespace Ipc.Connection;

/// <summary>A message from the other end, waiting its turn on the endpoint's dispatcher.</summary>
internal sealed class InboundMessage(Peer peer, MessageKind kind, long id, string channel, IpcArgs? args, int size) : IDispatchItem
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

    private void Dispatch()
    {
        switch (kind)
        {
            case MessageKind.Send or MessageKind.MainSend:
                peer.Endpoint.OnMessage(peer, channel, args!);
                break;
            case MessageKind.SendSync:
                peer.Endpoint.OnSyncMessage(peer, new ReplySlot(peer.Outbox, id, channel), channel, args!);
                break;
            case MessageKind.Invoke or MessageKind.NestedInvoke:
                Invocation.Start(peer, id, channel, args!);
                break;
            case MessageKind.Cancel:
                peer.Invocations.Cancel(id);
                break;
        }
    }
}
