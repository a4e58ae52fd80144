using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ipc.Hosting.Tests;

/// <summary>
/// IpcGen on the generic host: AddIpcMain and AddIpcRenderer, contracts served by classes in a DI scope per call,
/// proxies and broadcast views injected, options checked at start, and the renderer's host following main's.
/// </summary>
public sealed class HostingTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<IHost> _hosts = [];

    public async ValueTask DisposeAsync()
    {
        foreach (IHost host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync(Patience);
            host.Dispose();
        }
    }

    [Fact]
    public async Task AServiceOnMainAnswersEachCallWithAnInstanceAndScopeOfItsOwn()
    {
        IHost main = await StartMainAsync();
        Journal journal = main.Services.GetRequiredService<Journal>();
        using IpcRenderer renderer = main.Services.GetRequiredService<IpcMain>().ConnectInProcess();

        string first = await renderer.Greeter().Greet("ada").WaitAsync(Patience);
        string second = await renderer.Greeter().Greet("bob").WaitAsync(Patience);
        string who = await Task.Run(() => renderer.Greeter().WhoAmI()).WaitAsync(Patience);

        Assert.StartsWith("hello ada from greet via unit ", first, StringComparison.Ordinal);
        Assert.StartsWith("hello bob from greet via unit ", second, StringComparison.Ordinal);
        Assert.NotEqual(first[^36..], second[^36..]); // a scoped dependency per call
        Assert.Equal($"renderer {renderer.Id}", who);
        Assert.Equal(3, Volatile.Read(ref journal.Created));
        await UntilAsync(() => Volatile.Read(ref journal.ScopesDisposed) == 3);
    }

    [Fact]
    public async Task AHostedRendererServesItsServicesAndInjectsProxiesToMain()
    {
        IHost main = await StartMainAsync(builder => builder.AddBroadcast<IAnnouncements>());
        IHost renderer = await StartRendererAsync(main);

        IGreeter greeter = renderer.Services.GetRequiredService<IGreeter>();
        main.Services.GetRequiredService<IAnnouncements>().Announce("to every renderer");
        IpcSender sender = Assert.Single(main.Services.GetRequiredService<IpcMain>().Renderers);
        sender.Notices().Notice("to this renderer");

        Assert.StartsWith("hello cy from greet", await greeter.Greet("cy").WaitAsync(Patience), StringComparison.Ordinal);
        Journal rendererJournal = renderer.Services.GetRequiredService<Journal>();
        await UntilAsync(() => rendererJournal.Entries.Contains("announced: to every renderer") && rendererJournal.Entries.Contains("to this renderer"));
        Assert.Equal(2, await sender.Notices().Count().WaitAsync(Patience));
    }

    [Fact]
    public async Task StoppingMainStopsTheRenderersHost()
    {
        IHost main = await StartMainAsync();
        IHost renderer = await StartRendererAsync(main);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        renderer.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);

        await main.StopAsync(Patience);

        await stopping.Task.WaitAsync(Patience);
    }

    [Fact]
    public void AContractWithoutGeneratedCodeOrOfTheWrongDirectionIsRefusedWhenAdded()
    {
        var services = new ServiceCollection();
        IpcMainBuilder main = services.AddIpcMain();
        IpcRendererBuilder renderer = new ServiceCollection().AddIpcRenderer();

        var none = Assert.Throws<InvalidOperationException>(() => main.AddService<INotAContract, NotAContract>());
        var backwards = Assert.Throws<InvalidOperationException>(() => main.AddService<INotices, Notices>());
        var proxyOfMainToRenderer = Assert.Throws<InvalidOperationException>(() => renderer.AddProxy<INotices>());
        var broadcastWithInvocations = Assert.Throws<InvalidOperationException>(() => main.AddBroadcast<INotices>());

        Assert.Contains("has no IpcGen generated code", none.Message);
        Assert.Contains("served on main", backwards.Message);
        Assert.Contains("MainToRenderer", backwards.Message);
        Assert.Contains("proxy", proxyOfMainToRenderer.Message);
        Assert.Contains("it has invocations", broadcastWithInvocations.Message);
    }

    [Fact]
    public void AddIpcMainTwiceIsRefused()
    {
        var services = new ServiceCollection();
        services.AddIpcMain();

        Assert.Contains("twice", Assert.Throws<InvalidOperationException>(() => services.AddIpcMain()).Message);
    }

    [Fact]
    public async Task BadOptionsFailTheHostsStartNotTheRegistration()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddIpcMain(options => options.MaxMessageSize = 10);
        using IHost host = builder.Build();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());
    }

    [Fact]
    public async Task TheCallContextIsInjectableOnlyWithinACall()
    {
        IHost main = await StartMainAsync();

        var error = Assert.Throws<InvalidOperationException>(() => main.Services.GetRequiredService<IpcCallContext>());

        Assert.Contains("only available to services resolved while they serve an IPC call", error.Message);
    }

    private async Task<IHost> StartMainAsync(Action<IpcMainBuilder>? configure = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddScoped<UnitOfWork>();
        IpcMainBuilder ipc = builder.Services.AddIpcMain().AddService<IGreeter, Greeter>();
        configure?.Invoke(ipc);
        return await StartAsync(builder);
    }

    private async Task<IHost> StartRendererAsync(IHost main)
    {
        IpcEndpoint endpoint = main.Services.GetRequiredService<IpcMain>().Listen();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddIpcRenderer(options => options.Endpoint = endpoint)
            .AddService<INotices, Notices>()
            .AddService<IAnnouncements, Announcements>()
            .AddProxy<IGreeter>();
        return await StartAsync(builder);
    }

    private async Task<IHost> StartAsync(HostApplicationBuilder builder)
    {
        IHost host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync().WaitAsync(Patience);
        return host;
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

    private sealed class NotAContract : INotAContract
    {
        public void Nothing()
        {
        }
    }
}
