using Ipc.Hosting.Serving;

namespace Ipc.Hosting.Main;

/// <summary>What <see cref="IpcMainBuilder"/> collected, for <see cref="IpcMainHostedService"/> to apply when the host starts.</summary>
internal sealed class MainRegistrations
{
    public List<ServiceRegistration<IpcMain>> Services { get; } = [];

    public List<IpcRendererProcessOptions> Renderers { get; } = [];
}
