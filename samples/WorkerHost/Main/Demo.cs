using Ipc;
using Ipc.Hosting;
using Microsoft.Extensions.Hosting;

namespace WorkerHost;

/// <summary>What main does once its workers run: asks each who it is, makes worker-1 crash, waits for its replacement, then stops.</summary>
public sealed class Demo(IpcHostedRenderers workers, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (string name in workers.Names.Order())
        {
            IpcSender worker = await workers.WaitAsync(name, stoppingToken);
            int processId = await worker.WorkerControl().ProcessId();
            Console.WriteLine($"{name} is process {processId}");
        }

        IpcSender first = await workers.WaitAsync("worker-1", stoppingToken);
        first.WorkerControl().Crash();
        IpcSender replacement = await WaitForReplacementAsync("worker-1", first, stoppingToken);
        Console.WriteLine($"worker-1 crashed and was restarted as process {await replacement.WorkerControl().ProcessId()}");
        lifetime.StopApplication();
    }

    private async Task<IpcSender> WaitForReplacementAsync(string name, IpcSender old, CancellationToken stoppingToken)
    {
        while (true)
        {
            IpcSender current = await workers.WaitAsync(name, stoppingToken);
            if (current != old)
            {
                return current;
            }

            await Task.Delay(50, stoppingToken);
        }
    }
}
