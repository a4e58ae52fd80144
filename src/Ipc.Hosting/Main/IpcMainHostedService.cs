using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ipc.Hosting.Main;

/// <summary>
/// Runs a hosted main: when the host starts, serves every added service (before any renderer can connect, so none
/// misses a message), then starts the added renderer processes under supervision; when it stops, stops supervising
/// (each renderer's connection closes and its process gets its shutdown timeout to exit, then is killed), and drains
/// and closes main (<see cref="IpcMain.DisposeAsync"/>).
/// </summary>
internal sealed class IpcMainHostedService(IServiceProvider provider, MainRegistrations registrations, IpcHostedRenderers renderers) : IHostedService
{
    private readonly List<IDisposable> _served = [];
    private IpcMain? _main;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _main = provider.GetRequiredService<IpcMain>();
        foreach (var service in registrations.Services)
        {
            _served.Add(service.Serve(_main, provider));
        }

        foreach (IpcRendererProcessOptions renderer in registrations.Renderers)
        {
            IpcSupervisedRenderer supervised = _main.SuperviseRenderer(renderer.CreateStartInfo, renderer.Supervision);
            renderers.Add(renderer.Name, supervised);
            await supervised.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_main is null)
        {
            return;
        }

        await Task.WhenAll(renderers.All.Select(renderer => renderer.StopAsync(cancellationToken))).ConfigureAwait(false);

        // The host's shutdown timeout cuts the drain short: Dispose closes at once.
        using (cancellationToken.Register(static main => ((IpcMain)main!).Dispose(), _main))
        {
            await _main.DisposeAsync().ConfigureAwait(false);
        }

        foreach (IDisposable served in _served)
        {
            served.Dispose();
        }
    }
}
