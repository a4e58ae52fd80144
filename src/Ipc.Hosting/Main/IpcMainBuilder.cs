using System.Diagnostics.CodeAnalysis;
using Ipc.CompilerServices;
using Ipc.Hosting.Main;
using Ipc.Hosting.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipc.Hosting;

/// <summary>Adds to a hosted IpcGen main process (<c>services.AddIpcMain()</c>) the services it serves and the renderer processes it runs. Used while the host is being built, on one thread; not thread-safe.</summary>
public sealed class IpcMainBuilder
{
    internal IpcMainBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    internal MainRegistrations Registrations { get; } = new();

    /// <summary>
    /// Serves the renderer-to-main contract <typeparamref name="TContract"/> with <typeparamref name="TImplementation"/>
    /// when the host starts, before any renderer connects: each message, sync call or invocation gets an instance
    /// resolved in a DI scope of its own, disposed once the call has ended (see the generated <c>Serve</c>). The
    /// implementation is added as a scoped service unless it is registered already; it can take
    /// <see cref="IpcCallContext"/> in its constructor to know which renderer called.
    /// </summary>
    /// <typeparam name="TContract">An <c>[IpcChannel]</c> interface of direction renderer-to-main.</typeparam>
    /// <typeparam name="TImplementation">The class that implements it.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The contract has no generated code, or is a main-to-renderer contract.</exception>
    public IpcMainBuilder AddService<TContract, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>()
        where TContract : class
        where TImplementation : class, TContract
    {
        var serve = ContractBindings.Require<TContract, Func<IpcMain, IIpcServiceActivator<TContract>, IDisposable>>(b => b.ServeOnMain, "served on main", IpcDirection.RendererToMain, ContractBindings.NoServe);
        Registrations.Services.Add(ServiceRegistration<IpcMain>.Of<TContract, TImplementation>(Services, serve));
        return this;
    }

    /// <summary>
    /// Makes the main-to-renderer contract <typeparamref name="TContract"/> injectable as its broadcast view: each call
    /// goes to every renderer connected at the time. Only a contract whose members are all messages (<c>void</c>) has
    /// a broadcast that implements it; for one with invocations, inject <see cref="IpcMain"/> and use the generated
    /// view (<c>main.WorkerControl()</c>, whose invocations return one result per renderer), or a renderer's
    /// <see cref="IpcSender"/> from <see cref="IpcHostedRenderers"/>.
    /// </summary>
    /// <typeparam name="TContract">An <c>[IpcChannel]</c> interface of direction main-to-renderer.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The contract has no generated code, or is a renderer-to-main contract.</exception>
    public IpcMainBuilder AddBroadcast<TContract>()
        where TContract : class
    {
        var broadcast = ContractBindings.Require<TContract, Func<IpcMain, TContract>>(b => b.Broadcast, "broadcast from main", IpcDirection.MainToRenderer,
            "it has invocations, whose broadcast returns one result per renderer, so no broadcast implements the interface. Inject IpcMain and use its generated view, or reach one renderer through IpcHostedRenderers.");
        Services.TryAddSingleton(provider => broadcast(provider.GetRequiredService<IpcMain>()));
        return this;
    }

    /// <summary>
    /// Runs a renderer process with the host: started when the host starts (after every service is served), stopped
    /// when it stops. Its current <see cref="IpcSender"/> is found by name through <see cref="IpcHostedRenderers"/>.
    /// </summary>
    /// <param name="name">A name unique among this host's renderers, e.g. "worker".</param>
    /// <param name="configure">Says what to start: <see cref="IpcRendererProcessOptions.UseDotnetApp"/> for a .NET app built by another project, or <see cref="IpcRendererProcessOptions.FileName"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or taken.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public IpcMainBuilder AddRenderer(string name, Action<IpcRendererProcessOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (Registrations.Renderers.Any(r => r.Name == name))
        {
            throw new ArgumentException($"A renderer named '{name}' is added already.", nameof(name));
        }

        var options = new IpcRendererProcessOptions(name);
        configure(options);
        options.Validate();
        Registrations.Renderers.Add(options);
        return this;
    }
}
