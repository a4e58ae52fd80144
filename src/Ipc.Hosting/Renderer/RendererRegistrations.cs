using Ipc.Hosting.Serving;

namespace Ipc.Hosting.Renderer;

/// <summary>What <see cref="IpcRendererBuilder"/> collected, served when the renderer connects.</summary>
internal sealed class RendererRegistrations
{
    public List<ServiceRegistration<IpcRenderer>> Services { get; } = [];
}
