using Ipc.Dispatch;
using Ipc.Protocol;

namespace Ipc.Main;

/// <summary>A message from a renderer, waiting its turn on main's dispatcher.</summary>
internal sealed class InboundMessage(RendererLink link, MessageKind kind, long id, string channel, IpcArgs? args, int size) : IDispatchItem
{
    public void Run()
    {
        try
        {
            Dispatch();
        }
        finally
        {
            link.Dispatched(size);
        }
    }

    private void Dispatch()
    {
        switch (kind)
        {
            case MessageKind.Send:
                link.Main.Listeners.Emit(channel, new IpcMainEvent(link, channel, syncId: 0), args!);
                break;
            case MessageKind.SendSync:
                var e = new IpcMainEvent(link, channel, id);
                e.CompleteSync(link.Main.Listeners.Emit(channel, e, args!));
                break;
            case MessageKind.Invoke:
                Invocation.Start(link, id, channel, args!);
                break;
            case MessageKind.Cancel:
                link.CancelInvocation(id);
                break;
        }
    }
}
