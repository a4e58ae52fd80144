using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ipc.Hosting.Renderer;

/// <summary>
/// The hosted renderer's one <see cref="IpcRenderer"/>, connected the first time anything needs it — a proxy injected
/// into another hosted service's constructor, or this host's start at the latest — with every added service served in
/// the connect callback, before main's first message is delivered. When main goes away it stops the host, reconnects
/// the same renderer (so what it serves and the proxies made from it carry over), or does nothing, as configured.
/// </summary>
internal sealed class RendererConnection : IAsyncDisposable
{
    private readonly Lazy<IpcRenderer> _renderer;

    public RendererConnection(IServiceProvider provider, IOptions<IpcRendererHostingOptions> options, RendererRegistrations registrations, IHostApplicationLifetime lifetime)
    {
        _renderer = new Lazy<IpcRenderer>(() => Connect(provider, options.Value, registrations, lifetime), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The connected renderer. The first read connects, blocking for at most the handshake's timeout.</summary>
    public IpcRenderer Renderer => _renderer.Value;

    public bool IsCreated => _renderer.IsValueCreated;

    public async ValueTask DisposeAsync()
    {
        if (_renderer.IsValueCreated)
        {
            await _renderer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IpcRenderer Connect(IServiceProvider provider, IpcRendererHostingOptions options, RendererRegistrations registrations, IHostApplicationLifetime lifetime)
    {
        IpcRendererOptions rendererOptions = Microsoft.Extensions.DependencyInjection.IpcHostingServiceCollectionExtensions.WithLoggerFactory(options.Renderer, provider);
        ILogger logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Ipc.Connections") ?? NullLogger.Instance;
        var served = new List<IDisposable>();
        void Configure(IpcRenderer renderer)
        {
            foreach (var service in registrations.Services)
            {
                served.Add(service.Serve(renderer, provider));
            }

            renderer.Disconnected += (_, _) => OnMainDisconnected(renderer, options, lifetime, logger);
        }

        Task<IpcRenderer> connecting = options.CurrentEndpoint() is { } endpoint
            ? IpcRenderer.ConnectAsync(endpoint, Configure, rendererOptions)
            : IpcRenderer.ConnectToParentAsync(Configure, rendererOptions);
        return connecting.GetAwaiter().GetResult(); // the handshake is bounded (10 s); DI factories are synchronous
    }

    /// <summary>On the renderer's dispatcher: the reconnection runs elsewhere, so the dispatcher goes on with what it holds.</summary>
    private static void OnMainDisconnected(IpcRenderer renderer, IpcRendererHostingOptions options, IHostApplicationLifetime lifetime, ILogger logger)
    {
        switch (options.OnMainDisconnected)
        {
            case IpcMainDisconnectedAction.StopHost:
                lifetime.StopApplication();
                break;
            case IpcMainDisconnectedAction.Reconnect:
                _ = Task.Run(new MainReconnection(renderer, options, lifetime, logger).RunAsync);
                break;
        }
    }
}
