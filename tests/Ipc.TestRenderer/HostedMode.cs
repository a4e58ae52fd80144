using Ipc.TestRenderer.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipc.TestRenderer;

/// <summary>
/// "hosted": a renderer on the generic host, as docs/hosting.md writes one. It serves <see cref="IStartupProbe"/> with a
/// class (a DI scope per call) and injects the <see cref="IGreeter"/> proxy into a hosted service's constructor, so the
/// connection is made while the host builds its services, the earliest a hosted renderer connects. Its host stops, and
/// the process exits 0, when main disconnects.
/// </summary>
internal static class HostedMode
{
    public static async Task<int> RunAsync()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // the tests read nothing from this process's output
        builder.Services.AddSingleton<ProbeRecord>();
        builder.Services.AddIpcRenderer()
            .AddService<IStartupProbe, StartupProbe>()
            .AddProxy<IGreeter>();
        builder.Services.AddHostedService<ProxyHolder>();
        await builder.Build().RunAsync();
        return 0;
    }

    /// <summary>What <see cref="StartupProbe"/> instances, one per call, record.</summary>
    private sealed class ProbeRecord
    {
        private readonly List<int> _numbers = [];

        public void Add(int number)
        {
            lock (_numbers)
            {
                _numbers.Add(number);
            }
        }

        public int[] Numbers()
        {
            lock (_numbers)
            {
                return [.. _numbers];
            }
        }
    }

    private sealed class StartupProbe(ProbeRecord record) : IStartupProbe
    {
        public void Record(int number) => record.Add(number);

        public Task<int> Echo(int number) => Task.FromResult(number);

        public Task<int[]> Received() => Task.FromResult(record.Numbers());
    }

    /// <summary>Takes the proxy in its constructor, which connects the renderer before any hosted service starts.</summary>
    private sealed class ProxyHolder(IGreeter greeter) : IHostedService
    {
        public IGreeter Greeter { get; } = greeter;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
