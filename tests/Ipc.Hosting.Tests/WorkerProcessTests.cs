using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkerHost;

namespace Ipc.Hosting.Tests;

/// <summary>
/// A hosted main running two hosted worker processes (samples/WorkerHost's worker): both serve and are served, and
/// one killed with SIGKILL is restarted and serving again.
/// </summary>
public sealed class WorkerProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AKilledWorkerIsRestartedAndServesAgainWhileTheOtherGoesOn()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<CompletedJobs>();
        builder.Services.AddIpcMain()
            .AddService<IJobs, RecordingJobs>()
            .AddRenderer("worker-1", worker => worker.UseDotnetApp("WorkerHost.Worker.dll"))
            .AddRenderer("worker-2", worker => worker.UseDotnetApp("WorkerHost.Worker.dll"));
        using IHost host = builder.Build();
        await host.StartAsync().WaitAsync(Patience);
        try
        {
            var workers = host.Services.GetRequiredService<IpcHostedRenderers>();
            CompletedJobs jobs = host.Services.GetRequiredService<CompletedJobs>();
            IpcSender first = await workers.WaitAsync("worker-1").WaitAsync(Patience);
            IpcSender second = await workers.WaitAsync("worker-2").WaitAsync(Patience);
            Assert.Equal(first.ProcessId, await first.WorkerControl().ProcessId().WaitAsync(Patience));
            await UntilAsync(() => jobs.From(first.ProcessId) > 0 && jobs.From(second.ProcessId) > 0); // the injected IJobs proxies reach main

            using (Process process = Process.GetProcessById(first.ProcessId))
            {
                process.Kill();
            }

            IpcSender restarted = await UntilReplacedAsync(workers, "worker-1", first);
            Assert.NotEqual(first.ProcessId, restarted.ProcessId);
            Assert.Equal(restarted.ProcessId, await restarted.WorkerControl().ProcessId().WaitAsync(Patience));
            await UntilAsync(() => jobs.From(restarted.ProcessId) > 0);
            Assert.True(second.IsConnected);
        }
        finally
        {
            await host.StopAsync().WaitAsync(Patience);
        }
    }

    private static async Task<IpcSender> UntilReplacedAsync(IpcHostedRenderers workers, string name, IpcSender old)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            IpcSender current = await workers.WaitAsync(name).WaitAsync(Patience);
            if (current != old)
            {
                return current;
            }

            Assert.True(waited.Elapsed < Patience, $"{name} was not restarted.");
            await Task.Delay(20);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "The condition never held.");
            await Task.Delay(20);
        }
    }

    /// <summary>Main's side of IJobs in the test: counts the jobs each worker process finished.</summary>
    public sealed class RecordingJobs(CompletedJobs jobs, IpcCallContext call) : IJobs
    {
        public Task<int> Complete(string job) => Task.FromResult(jobs.Add(call.Sender!.ProcessId));

        public void Report(string line)
        {
        }
    }

    public sealed class CompletedJobs
    {
        private readonly ConcurrentDictionary<int, int> _byProcess = new();

        public int Add(int processId) => _byProcess.AddOrUpdate(processId, 1, (_, count) => count + 1);

        public int From(int processId) => _byProcess.GetValueOrDefault(processId);
    }
}
