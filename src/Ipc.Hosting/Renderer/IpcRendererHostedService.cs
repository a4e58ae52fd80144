using Microsoft.Extensions.Hosting;

namespace Ipc.Hosting.Renderer;

/// <summary>Connects a hosted renderer when the host starts (if nothing connected it earlier), and drains and closes it when the host stops.</summary>
internal sealed class IpcRendererHostedService(RendererConnection connection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        connection.IsCreated ? Task.CompletedTask : Task.Run(() => _ = connection.Renderer, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!connection.IsCreated)
        {
            return;
        }

        IpcRenderer renderer = connection.Renderer;
        using (cancellationToken.Register(static r => ((IpcRenderer)r!).Dispose(), renderer))
        {
            await renderer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
