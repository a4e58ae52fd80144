using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ipc.Hosting.Tests;

/// <summary>
/// A hosted renderer set to reconnect (IpcMainDisconnectedAction.Reconnect) and a main that goes away: it connects to
/// the main that replaced it, where its served contracts and injected proxies work as before; when every attempt
/// fails, its host stops.
/// </summary>
public sealed class ReconnectTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<IDisposable> _mains = [];
    private IHost? _renderer;

    public async ValueTask DisposeAsync()
    {
        if (_renderer is not null)
        {
            await _renderer.StopAsync(Patience);
            _renderer.Dispose();
        }

        foreach (IDisposable main in _mains)
        {
            main.Dispose();
        }
    }

    [Fact]
    public async Task ARendererWhoseMainWentAwayReconnectsToTheNewMainWhereItsServicesAndProxiesWork()
    {
        IpcMain first = StartMain("first");
        IpcEndpoint current = first.Listen();
        IHost renderer = await StartRendererAsync(() => Volatile.Read(ref current), attempts: 3);
        IGreeter greeter = renderer.Services.GetRequiredService<IGreeter>(); // resolved once, as a service's constructor would
        Assert.Equal("hello ada from first", await greeter.Greet("ada").WaitAsync(Patience));

        IpcMain second = StartMain("second");
        Volatile.Write(ref current, second.Listen()); // where the restarted main listens, before the first one goes
        first.Dispose();

        IpcRenderer ipc = renderer.Services.GetRequiredService<IpcRenderer>();
        await UntilAsync(() => second.Renderers.Count == 1 && ipc.Id == second.Renderers[0].Id && ipc.IsConnected); // the reconnection is done
        IpcSender sender = Assert.Single(second.Renderers);
        sender.Notices().Notice("from the second main"); // at once: served before the new connection delivers
        Assert.Equal(1, await sender.Notices().Count().WaitAsync(Patience));
        Assert.Equal("hello bob from second", await greeter.Greet("bob").WaitAsync(Patience));
        Assert.False(renderer.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task WhenEveryReconnectionAttemptFailsTheRenderersHostStops()
    {
        IpcMain main = StartMain("only");
        IpcEndpoint endpoint = main.Listen();
        int asked = 0;
        IHost renderer = await StartRendererAsync(() =>
        {
            Interlocked.Increment(ref asked);
            return endpoint; // no main listens there once it is disposed
        }, attempts: 3);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);

        main.Dispose();

        await stopping.Task.WaitAsync(Patience);
        Assert.Equal(1 + 3, Volatile.Read(ref asked)); // the first connection, then the three attempts
        Assert.False(renderer.Services.GetRequiredService<IpcRenderer>().IsConnected);
    }

    [Fact]
    public async Task ReconnectingWithoutAnEndpointToGoBackToIsRefusedWhenTheHostStarts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddIpcRenderer(options => options.OnMainDisconnected = IpcMainDisconnectedAction.Reconnect);
        using IHost host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().WaitAsync(Patience));

        Assert.Contains("Reconnect needs Endpoint or EndpointProvider", error.Message);
    }

    /// <summary>A main in this test process, serving <see cref="IGreeter"/> under <paramref name="name"/>.</summary>
    private IpcMain StartMain(string name)
    {
        var main = new IpcMain();
        _mains.Add(main);
        main.Greeter().Serve(new NamedGreeter(name));
        return main;
    }

    private async Task<IHost> StartRendererAsync(Func<IpcEndpoint> endpoint, int attempts)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddIpcRenderer(options =>
            {
                options.EndpointProvider = endpoint;
                options.OnMainDisconnected = IpcMainDisconnectedAction.Reconnect;
                options.Reconnect.MaxAttempts = attempts;
                options.Reconnect.InitialDelay = TimeSpan.Zero; // the order of events is the test, not the back-off
            })
            .AddService<INotices, Notices>()
            .AddProxy<IGreeter>();
        _renderer = builder.Build();
        await _renderer.StartAsync().WaitAsync(Patience);
        return _renderer;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "The condition never held.");
            await Task.Delay(5);
        }
    }

    private sealed class NamedGreeter(string name) : IGreeter
    {
        public Task<string> Greet(string who) => Task.FromResult($"hello {who} from {name}");

        public string WhoAmI() => name;

        public void Note(string text)
        {
        }
    }
}
