using Ipc;
using Microsoft.Extensions.Hosting;

namespace WorkerHost;

/// <summary>The worker's own work: it finishes a job every half second and tells main through the injected proxy.</summary>
public sealed class JobRunner(IJobs jobs) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            jobs.Report("ready");
            for (int job = 1; !stoppingToken.IsCancellationRequested; job++)
            {
                int finished = await jobs.Complete($"job {job}");
                if (finished % 10 == 0)
                {
                    jobs.Report($"{finished} jobs done");
                }

                await Task.Delay(500, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (IpcDisconnectedException)
        {
            // Main has gone: the host stops (AddIpcRenderer's default), and so does this.
        }
    }
}
