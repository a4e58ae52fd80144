using Ipc.Emitter;
using Ipc.Telemetry;

namespace Ipc.Renderer;

/// <summary>A renderer's listener registry; a listener that throws is reported through <see cref="IpcRenderer.Error"/>.</summary>
internal sealed class RendererListeners(IpcRenderer renderer) : ListenerEmitter<IpcRendererListener, IpcRendererEvent>
{
    protected override void Invoke(IpcRendererListener listener, IpcRendererEvent e, IpcArgs args) => listener(e, args);

    protected override void OnListenerError(string channel, IpcRendererEvent e, Exception error)
    {
        IpcMetrics.ListenerFailed(PeerTelemetry.Renderer, channel, error);
        renderer.RaiseError(new IpcErrorEventArgs(error, channel, null));
    }
}
