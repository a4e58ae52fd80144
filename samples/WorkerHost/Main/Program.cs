// The main process on the generic host: it serves IJobs with a class (a DI scope per call), runs two
// worker processes, asks each who it is, makes one crash on purpose and sees it restarted.
using Ipc;
using Ipc.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkerHost;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<JobCounter>();
builder.Services.AddScoped<JobStore>();
builder.Services.AddIpcMain()
    .AddService<IJobs, JobsService>()
    .AddRenderer("worker-1", worker => worker.UseDotnetApp("WorkerHost.Worker.dll"))
    .AddRenderer("worker-2", worker => worker.UseDotnetApp("WorkerHost.Worker.dll"));
builder.Services.AddHostedService<Demo>();
await builder.Build().RunAsync();
