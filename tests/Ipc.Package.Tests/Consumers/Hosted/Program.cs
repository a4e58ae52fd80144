using Ipc;
using Ipc.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddScoped<Counter>();
builder.Services.AddIpcMain().AddService<IGreeter, Greeter>();
using IHost host = builder.Build();
await host.StartAsync();

await using (IpcRenderer renderer = host.Services.GetRequiredService<IpcMain>().ConnectInProcess())
{
    Console.WriteLine(await renderer.Greeter().Greet("package"));
    Console.WriteLine(await renderer.Greeter().Greet("package"));
}

await host.StopAsync();

[IpcChannel]
public interface IGreeter
{
    Task<string> Greet(string name);
}

public sealed class Counter
{
    public int Calls { get; set; }
}

public sealed class Greeter(Counter counter, IpcCallContext call) : IGreeter
{
    public Task<string> Greet(string name)
    {
        counter.Calls++;
        return Task.FromResult($"hello {name} on {call.Channel}, call {counter.Calls} of this scope");
    }
}
