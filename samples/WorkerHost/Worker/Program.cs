// A worker process on the generic host: started by main, it serves IWorkerControl and uses the injected IJobs proxy.
using Ipc.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkerHost;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddIpcRenderer()
    .AddService<IWorkerControl, WorkerControl>()
    .AddProxy<IJobs>();
builder.Services.AddHostedService<JobRunner>();
await builder.Build().RunAsync();
