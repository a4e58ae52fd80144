using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ipc.Hosting.Main;

/// <summary>
/// Runs a hosted main: when the host starts, serves every added service (before any renderer can connect, so none
/// misses a message), then starts the added renderer processes; when it stops, drains and closes main
/// (<see cref="IpcMain.DisposeAsync"/>), then waits for the renderer processes to exit and kills those that do not.
/// </summary>
internal sealed class IpcMainHostedService(IServiceProvider provider, MainRegistrations registrations, IpcHostedRenderers renderers) : IHostedService
{
    /// <summary>How long a renderer process gets to exit on its own once main has closed its connection.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly List<IDisposable> _served = [];
    private readonly List<int> _processIds = [];
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
            renderers.Add(renderer.Name);
        }

        foreach (IpcRendererProcessOptions renderer in registrations.Renderers)
        {
            IpcSender sender = await _main.StartRendererAsync(renderer.CreateStartInfo(), cancellationToken).ConfigureAwait(false);
            _processIds.Add(sender.ProcessId);
            renderers.Connected(renderer.Name, sender);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_main is null)
        {
            return;
        }

        // The host's shutdown timeout cuts the drain short: Dispose closes at once.
        using (cancellationToken.Register(static main => ((IpcMain)main!).Dispose(), _main))
        {
            await _main.DisposeAsync().ConfigureAwait(false);
        }

        foreach (IDisposable served in _served)
        {
            served.Dispose();
        }

        await Task.WhenAll(_processIds.Select(EndProcessAsync)).ConfigureAwait(false);
    }

    /// <summary>Gives a renderer process <see cref="ExitGrace"/> to exit after main closed its connection, then kills it.</summary>
    private static async Task EndProcessAsync(int processId)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return; // exited already
        }

        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(ExitGrace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
