using Ipc.Emitter;
using Ipc.Telemetry;

namespace Ipc.Main;

/// <summary>The main process's listener registry; a listener that throws is reported through <see cref="IpcMain.Error"/>.</summary>
internal sealed class MainListeners(IpcMain main) : ListenerEmitter<IpcMainListener, IpcMainEvent>
{
    protected override void Invoke(IpcMainListener listener, IpcMainEvent e, IpcArgs args) => listener(e, args);

    protected override void OnListenerError(string channel, IpcMainEvent e, Exception error)
    {
        IpcMetrics.ListenerFailed(PeerTelemetry.Main, channel, error);
        main.RaiseError(new IpcErrorEventArgs(error, channel, e.Sender));
    }
}
