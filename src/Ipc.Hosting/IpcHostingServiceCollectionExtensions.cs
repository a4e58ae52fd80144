using Ipc;
using Ipc.Hosting;
using Ipc.Hosting.Main;
using Ipc.Hosting.Renderer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds IpcGen's main process or renderer to a generic host's services. Called while the host is being built, on one thread, as service registration is.</summary>
public static class IpcHostingServiceCollectionExtensions
{
    /// <summary>
    /// Makes this host an IpcGen main process: an <see cref="IpcMain"/> singleton, created with the container's
    /// <see cref="ILoggerFactory"/>, whose registered services are served and renderers started when the host starts
    /// (before any renderer can connect), and which drains and closes when the host stops
    /// (<see cref="IpcMain.DisposeAsync"/>). Inject <see cref="IpcMain"/>, <see cref="IpcHostedRenderers"/>, and the
    /// broadcast views added with <see cref="IpcMainBuilder.AddBroadcast{TContract}"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets <see cref="IpcMainOptions"/>; they are validated when the host starts.</param>
    /// <returns>A builder to add services and renderer processes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="InvalidOperationException">AddIpcMain was called already on these services.</exception>
    public static IpcMainBuilder AddIpcMain(this IServiceCollection services, Action<IpcMainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfAddedTwice<IpcMainMarker>(services, nameof(AddIpcMain));
        var builder = new IpcMainBuilder(services);
        services.AddSingleton(builder.Registrations);
        OptionsBuilder<IpcMainOptions> options = services.AddOptions<IpcMainOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(provider => new IpcMain(WithLoggerFactory(provider.GetRequiredService<IOptions<IpcMainOptions>>().Value, provider)));
        services.TryAddSingleton<IpcHostedRenderers>();
        AddCallContext(services);
        services.AddHostedService<IpcMainHostedService>();
        return builder;
    }

    /// <summary>
    /// Makes this host an IpcGen renderer. Its <see cref="IpcRenderer"/> singleton connects to the main process when
    /// first resolved, at the latest when the host starts, with every service added to the builder served before the
    /// first message from main is delivered; by default to the main process that started this one
    /// (<see cref="IpcRenderer.ConnectToParentAsync(Action{IpcRenderer}, IpcRendererOptions?, CancellationToken)"/>),
    /// or to <see cref="IpcRendererHostingOptions.Endpoint"/>. When main goes away the host stops, or the renderer
    /// reconnects, as <see cref="IpcRendererHostingOptions.OnMainDisconnected"/> says. Inject <see cref="IpcRenderer"/>
    /// and the typed proxies added with <see cref="IpcRendererBuilder.AddProxy{TContract}"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the renderer's options; they are validated when the host starts.</param>
    /// <returns>A builder to add services and proxies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="InvalidOperationException">AddIpcRenderer was called already on these services.</exception>
    public static IpcRendererBuilder AddIpcRenderer(this IServiceCollection services, Action<IpcRendererHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfAddedTwice<IpcRendererMarker>(services, nameof(AddIpcRenderer));
        var builder = new IpcRendererBuilder(services);
        services.AddSingleton(builder.Registrations);
        OptionsBuilder<IpcRendererHostingOptions> options = services.AddOptions<IpcRendererHostingOptions>()
            .Validate(o => o.CanReconnect, "OnMainDisconnected = Reconnect needs Endpoint or EndpointProvider: the main that started this process cannot be found again once it is gone.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<RendererConnection>();
        services.TryAddSingleton(provider => provider.GetRequiredService<RendererConnection>().Renderer);
        AddCallContext(services);
        services.AddHostedService<IpcRendererHostedService>();
        return builder;
    }

    /// <summary>The options, with the container's logger factory unless they name one of their own.</summary>
    internal static TOptions WithLoggerFactory<TOptions>(TOptions options, IServiceProvider provider)
        where TOptions : IpcOptions
    {
        if (options.LoggerFactory is null && options.Logger is null)
        {
            options.LoggerFactory = provider.GetService<ILoggerFactory>();
        }

        return options;
    }

    /// <summary><see cref="IpcCallContext"/> is injectable into the services that serve a call (it is the call's own).</summary>
    private static void AddCallContext(IServiceCollection services) =>
        services.TryAddTransient(_ => IpcCallContext.Current
            ?? throw new InvalidOperationException("IpcCallContext is only available to services resolved while they serve an IPC call (AddService)."));

    private static void ThrowIfAddedTwice<TMarker>(IServiceCollection services, string method)
        where TMarker : class, new()
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TMarker)))
        {
            throw new InvalidOperationException($"{method} was called twice on the same services; configure everything on the builder the first call returned.");
        }

        services.AddSingleton(new TMarker());
    }

    private sealed class IpcMainMarker;

    private sealed class IpcRendererMarker;
}
